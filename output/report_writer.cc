#include "output/report_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "output/graph_svg.h"
#include "output/html_escape.h"
#include "output/node_style.h"
#include "output/report_assets.h"
#include "output/report_graph.h"

namespace policygraph {
namespace {

constexpr std::string_view kMentions = "MENTIONS";
constexpr size_t kEvidenceShown = 3;  // evidence items listed per relation; the rest counted

// A chip naming `type`, then `label`.
std::string NodeCell(const NodeProps& n) {
  std::string out = StrCat("<td><span class=\"chip ", TypeClass(n.type), "\">");
  AppendHtml(out, n.type);
  out += "</span> ";
  AppendHtml(out, n.label);
  return out + "</td>";
}

// The relation with its attributes, one per line.
std::string RelationCell(const EdgeProps& p) {
  std::string out = "<td class=\"relname\">";
  const std::string label = EdgeLabel(p.relation, p.attrs, p.evidence.size());
  size_t done = 0;
  for (size_t nl = label.find('\n'); nl != std::string::npos; nl = label.find('\n', done)) {
    AppendHtml(out, std::string_view(label).substr(done, nl - done));
    out += "<br>";
    done = nl + 1;
  }
  AppendHtml(out, std::string_view(label).substr(done));
  return out + "</td>";
}

// CSS giving each type its colour (--c), for marks, chips and the legend.
std::string TypeCss(const std::set<std::string>& types) {
  std::string out;
  for (const std::string& t : types) {
    out += StrCat(".", TypeClass(t), "{--c:");
    out += StyleOf(t).fill;
    out += "}\n";
  }
  return out;
}

std::string Head(const std::set<std::string>& types) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>policygraph report</title>\n<style>\n";
  out += ReportCss();
  out += TypeCss(types);
  return out + "</style>\n</head>\n<body>\n";
}

}  // namespace

ReportWriter::ReportWriter(const std::string& dir) {
  // A named temporary, unlinked at once: nothing is left behind whatever happens to the run.
  std::string path = dir + "/.report-parts.XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0) {
    status_ = Status::IoError(path + ": " + std::strerror(errno));
    return;
  }
  ::unlink(path.c_str());
  parts_ = ::fdopen(fd, "w+");
  if (parts_ == nullptr) {
    status_ = Status::IoError(path + ": " + std::strerror(errno));
    ::close(fd);
  }
}

ReportWriter::~ReportWriter() {
  if (parts_ != nullptr) std::fclose(parts_);
}

void ReportWriter::Add(size_t index, const std::string& doc_id, bool full_text,
                       const std::map<std::string, size_t>& mention_types, ReportPart part) {
  if (!status_.ok()) return;
  doc_pos_.emplace(doc_id, docs_.size());
  docs_.push_back({doc_id, index, full_text});
  for (const auto& [type, n] : mention_types) types_.insert(type);
  for (auto& [sentence, text] : part.sentences) sentences_.emplace(std::make_pair(doc_id, sentence), std::move(text));
  if (std::fwrite(part.html.data(), 1, part.html.size(), parts_) != part.html.size()) {
    status_ = Status::IoError(std::string("report: cannot write a document's section: ") + std::strerror(errno));
  }
}

Status ReportWriter::CopyParts(std::ostream& out) {
  if (std::fflush(parts_) != 0 || std::fseek(parts_, 0, SEEK_SET) != 0) {
    return Status::IoError(std::string("report: cannot read the document sections back: ") + std::strerror(errno));
  }
  std::array<char, 1 << 16> buf;
  for (size_t n; (n = std::fread(buf.data(), 1, buf.size(), parts_)) > 0;) {
    out.write(buf.data(), static_cast<std::streamsize>(n));
  }
  if (std::ferror(parts_)) return Status::IoError("report: cannot read the document sections back");
  return Status::Ok();
}

std::string ReportWriter::Controls(const KnowledgeGraph& kg) const {
  std::set<std::string> node_types;
  for (const auto v : kg.SortedVertices()) node_types.insert(kg.graph()[v].type);
  std::string out =
      "<div class=\"controls\">\n<label><input type=\"checkbox\" id=\"show-mentions\"> MENTIONS edges</label>\n"
      "<label><input type=\"checkbox\" id=\"fit-graph\" checked> fit to width</label>\n"
      "<label>Document <select id=\"doc-filter\"><option value=\"\">all documents</option>";
  for (const Doc& d : docs_) {
    out += StrCat("<option value=\"", std::to_string(d.index), "\">");
    AppendHtml(out, d.id);
    out += "</option>";
  }
  out += "</select></label>\n<span class=\"types\">";
  for (const std::string& t : node_types) {
    out += StrCat("<label class=\"chip ", TypeClass(t),
                  "\"><input type=\"checkbox\" class=\"type-filter\" data-type=\"");
    AppendHtml(out, t);
    out += "\" checked> ";
    AppendHtml(out, t);
    out += "</label> ";
  }
  return out + "</span>\n</div>\n";
}

std::string ReportWriter::EvidenceList(const FlatSet<Evidence>& evidence) const {
  std::string out = "<ul class=\"ev\">";
  size_t shown = 0;
  for (const Evidence& e : evidence) {
    if (shown++ == kEvidenceShown) break;
    auto pos = doc_pos_.find(e.doc);
    out += "<li>";
    if (pos != doc_pos_.end()) {
      const Doc& d = docs_[pos->second];
      std::string anchor = StrCat("d", std::to_string(d.index));
      if (d.full_text && e.sentence >= 0) anchor += StrCat("-s", std::to_string(e.sentence));
      out += StrCat("<a href=\"#", anchor, "\">");
    }
    AppendHtml(out, e.doc.str());
    if (e.sentence >= 0) out += StrCat(", sentence ", std::to_string(e.sentence + 1));
    out += pos != doc_pos_.end() ? "</a>" : "";
    if (auto s = sentences_.find({e.doc, e.sentence}); s != sentences_.end()) {
      out += " <q>";
      AppendHtml(out, s->second);
      out += "</q>";
    }
    out += "</li>";
  }
  if (evidence.size() > kEvidenceShown) {
    out += StrCat("<li>and ", std::to_string(evidence.size() - kEvidenceShown), " more</li>");
  }
  return out + "</ul>";
}

std::string ReportWriter::RelationTable(const KnowledgeGraph& kg) const {
  const auto& g = kg.graph();
  std::string out =
      "<table id=\"relation-table\">\n<thead><tr><th>Source</th><th>Relation</th><th>Target</th>"
      "<th>Evidence</th></tr></thead>\n<tbody>\n";
  size_t j = 0;
  for (const auto e : kg.SortedEdges()) {
    const EdgeProps& p = g[e];
    const NodeProps &s = g[boost::source(e, g)], &t = g[boost::target(e, g)];
    out += "<tr class=\"";
    out += p.relation == kMentions ? "rel mentions" : "rel";
    out += StrCat("\" data-edge=\"", std::to_string(j++), "\" data-source=\"");
    AppendHtml(out, s.id);
    out += "\" data-target=\"";
    AppendHtml(out, t.id);
    out += "\" data-key=\"";
    AppendHtml(out, p.key);
    out += StrCat("\">", NodeCell(s), RelationCell(p), NodeCell(t), "<td>", EvidenceList(p.evidence), "</td></tr>\n");
  }
  return out + "</tbody>\n</table>\n";
}

Status ReportWriter::Write(const KnowledgeGraph& kg, std::ostream& out) {
  if (!status_.ok()) return status_;
  std::set<std::string> types = types_;
  for (const auto v : kg.SortedVertices()) types.insert(kg.graph()[v].type);
  std::string html = Head(types);
  size_t mentions_edges = 0;
  for (const auto e : kg.SortedEdges()) mentions_edges += kg.graph()[e].relation == kMentions ? 1 : 0;
  html += StrCat("<header>\n<h1>policygraph report</h1>\n<p>", std::to_string(docs_.size()),
                 docs_.size() == 1 ? " document \xC2\xB7 " : " documents \xC2\xB7 ",
                 std::to_string(kg.node_count()), " nodes \xC2\xB7 ", std::to_string(kg.edge_count() - mentions_edges),
                 " relations and ", std::to_string(mentions_edges),
                 " MENTIONS edges</p>\n<nav><a href=\"#graph-section\">Graph</a> <a href=\"#relations\">Relations</a> "
                 "<a href=\"#documents\">Documents</a></nav>\n</header>\n");
  html += StrCat("<section id=\"graph-section\">\n<h2>Graph</h2>\n", Controls(kg));
  if (kg.node_count() > kReportMaxDrawnNodes) {
    html += StrCat("<p class=\"note\">The graph has ", std::to_string(kg.node_count()), " nodes, over the ",
                   std::to_string(kReportMaxDrawnNodes),
                   " the report draws; the table below lists every relation (graph.json, graph.graphml and "
                   "graph.dot hold the whole graph).</p>\n");
  } else {
    StatusOr<std::string> svg = RenderSvg(ReportDot(kg));
    if (!svg.ok()) return svg.status();
    html += StrCat("<div id=\"graph\" class=\"fit\">\n", svg.value(), "\n</div>\n");
  }
  html += StrCat("</section>\n<section id=\"relations\">\n<h2>Relations</h2>\n", RelationTable(kg), "</section>\n");
  html += "<section id=\"documents\">\n<h2>Documents</h2>\n";
  out << html;
  std::map<std::string, size_t> doc_index;
  for (const Doc& d : docs_) doc_index.emplace(d.id, d.index);
  if (Status s = CopyParts(out); !s.ok()) return s;
  out << "</section>\n<script type=\"application/json\" id=\"pg-data\">" << ScriptJson(ReportGraphData(kg, doc_index))
      << "</script>\n<script>\n" << ReportJs() << "</script>\n</body>\n</html>\n";
  return Status::Ok();
}

}  // namespace policygraph
