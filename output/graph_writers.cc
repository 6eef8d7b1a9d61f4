#include "output/graph_writers.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include <tbb/task_group.h>

#include "graph/node_link.h"
#include "output/atomic_file.h"
#include "output/node_link_writer.h"
#include "output/node_style.h"

namespace policygraph {
namespace {

// The formats below are the ones Boost writes (boost::write_graphml with a dynamic_properties map
// of the flat node and edge fields; boost::write_graphviz_dp), written directly: Boost's writers
// cost several times more than the rest of the output (a regex per DOT id, type-erased property
// lookups). tests/graph_test.cc compares both, byte for byte. Boost numbers the nodes in id order
// and walks the edges by source, then as added: the SortedGraph order.

// What XML 1.0 cannot hold in any form: the C0 control characters but tab, newline and return.
bool IsXmlForbidden(char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r'; }

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// boost::property_tree::xml_parser::encode_char_entities, and U+FFFD for each character XML
// cannot hold (which Boost would write as is, making the file unreadable).
void AppendXmlText(std::string& out, std::string_view s) {
  if (!s.empty() && s.find_first_not_of(' ') == std::string_view::npos) {
    out += "&#32;";
    out.append(s.size() - 1, ' ');
    return;
  }
  size_t done = 0;
  auto special = [&](size_t from) {
    for (size_t i = from; i < s.size(); ++i) {
      const char c = s[i];
      if (c == '<' || c == '>' || c == '&' || c == '"' || c == '\'' || IsXmlForbidden(c)) return i;
    }
    return std::string_view::npos;
  };
  for (size_t at = special(0); at != std::string_view::npos; at = special(done)) {
    out.append(s.substr(done, at - done));
    switch (s[at]) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += kReplacement;
    }
    done = at + 1;
  }
  out.append(s.substr(done));
}

// `s` as a JSON string, as AppendXmlText writes that string: the XML text of a JSON value is
// written piece by piece, without the JSON in between (the evidence lists are most of a GraphML
// file). A piece never stands for the whole value, so AppendXmlText's all-spaces case never applies.
void AppendXmlJsonString(std::string& out, std::string_view s) {
  const bool plain = std::all_of(s.begin(), s.end(), [](char c) {
    return c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' && c != '\'';
  });
  if (plain) {
    out += "&quot;";
    out += s;
    out += "&quot;";
    return;
  }
  std::string json;
  AppendJsonString(json, s);
  AppendXmlText(out, json);
}

// The XML text of the JSON list of `items`.
template <typename Strings>
void AppendXmlJsonList(std::string& out, const Strings& items) {
  out += '[';
  bool first = true;
  for (const std::string& s : items) {
    if (!first) out += ',';
    first = false;
    AppendXmlJsonString(out, s);
  }
  out += ']';
}

// The XML text of the JSON list of `evidence`'s items.
void AppendXmlEvidence(std::string& out, const FlatSet<Evidence>& evidence) {
  out += '[';
  bool first = true;
  for (const Evidence& e : evidence) {
    if (!first) out += ',';
    first = false;
    out += "{&quot;doc&quot;:";
    AppendXmlJsonString(out, e.doc.str());
    out += ",&quot;sentence&quot;:";
    AppendJsonInteger(out, e.sentence);
    out += ",&quot;start&quot;:";
    AppendJsonInteger(out, e.start);
    out += ",&quot;end&quot;:";
    AppendJsonInteger(out, e.end);
    out += ",&quot;rule&quot;:";
    AppendXmlJsonString(out, e.rule.str());
    if (e.page > 0) {
      out += ",&quot;page&quot;:";
      AppendJsonInteger(out, e.page);
    }
    out += '}';
  }
  out += ']';
}

void OpenData(std::string& out, int key) {
  out += "      <data key=\"key";
  AppendJsonInteger(out, key);
  out += "\">";
}

void AppendData(std::string& out, int key, std::string_view value) {
  OpenData(out, key);
  AppendXmlText(out, value);
  out += "</data>\n";
}

// A data element whose value `write` appends, already as XML text.
template <typename Write>
void AppendDataWith(std::string& out, int key, Write write) {
  OpenData(out, key);
  write(out);
  out += "</data>\n";
}

void Flush(std::string& buf, std::ostream& out) {
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  buf.clear();
}

constexpr std::string_view kMentions = "MENTIONS";

constexpr std::string_view kDotDefaults =
    "  graph [rankdir=LR, ranksep=0.35, nodesep=0.15, fontname=\"Helvetica\"];\n"
    "  node [fontname=\"Helvetica\", fontsize=10, style=filled, penwidth=0.8];\n"
    "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\", arrowsize=0.6];\n";

// Shape, fill and (for rounded boxes) style of a node of type `type`, as DOT attributes.
void AppendDotStyle(std::string& out, std::string_view type) {
  const NodeStyle style = StyleOf(type);
  out += ", shape=";
  out += style.shape;
  out += ", fillcolor=\"";
  out += style.fill;
  out += style.rounded ? "\", style=\"filled,rounded\"" : "\"";
}

// A node labelled with its label and, below it, its type; shaped and filled by type.
void AppendDotNode(std::string& out, const NodeProps& n) {
  out += "  ";
  AppendDotId(out, n.id);
  out += " [label=";
  AppendDotLabel(out, n.label + "\n" + n.type);
  AppendDotStyle(out, n.type);
  out += "];\n";
}

// The legend: a cluster with one node per type drawn in the graph, in type order. Its node ids
// ("legend TYPE", with a space) cannot be graph node ids, which are TYPE:slug.
void AppendDotLegend(std::string& out, const std::set<std::string>& types) {
  if (types.empty()) return;
  out += "  subgraph cluster_legend {\n    label=\"node types\"; fontsize=10; style=rounded; color=\"#999999\";\n";
  for (const std::string& type : types) {
    out += "    ";
    std::string legend_id = "legend ";
    legend_id += type;
    AppendDotId(out, legend_id);
    out += " [label=";
    AppendDotLabel(out, type);
    AppendDotStyle(out, type);
    out += "];\n";
  }
  out += "  }\n";
}

}  // namespace

// boost::escape_dot_string: an ID ([A-Za-z_][A-Za-z0-9_]* or a numeral) as is, anything else
// quoted with its quotes escaped.
void AppendDotId(std::string& out, std::string_view s) {
  auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  bool plain = false;
  if (!s.empty() && (is_alpha(s[0]) || s[0] == '_')) {
    plain = std::all_of(s.begin(), s.end(), [&](char c) { return is_alpha(c) || is_digit(c) || c == '_'; });
  } else if (!s.empty()) {  // -?(\.\d*|\d+(\.\d*)?)
    size_t i = s[0] == '-' ? 1 : 0;
    if (i < s.size() && s[i] == '.') {
      plain = std::all_of(s.begin() + static_cast<long>(i) + 1, s.end(), is_digit);
    } else if (i < s.size() && is_digit(s[i])) {
      while (i < s.size() && is_digit(s[i])) ++i;
      if (i == s.size()) {
        plain = true;
      } else if (s[i] == '.') {
        plain = std::all_of(s.begin() + static_cast<long>(i) + 1, s.end(), is_digit);
      }
    }
  }
  if (plain) {
    out.append(s);
    return;
  }
  // Graphviz reads \" inside a quoted string as a quote, whatever precedes it, so a string that
  // ends in a backslash cannot be closed: that backslash is written as U+FF3C (fullwidth reverse
  // solidus). A NUL byte, which ends Graphviz's strings, becomes U+FFFD.
  out += '"';
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') out += '\\';
    if (c == '\0') {
      out += kReplacement;
    } else if (c == '\\' && i + 1 == s.size()) {
      out += "\xEF\xBC\xBC";
    } else {
      out += c;
    }
  }
  out += '"';
}

void AppendDotLabel(std::string& out, std::string_view s) {
  out += '"';
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += i + 1 == s.size() ? "\xEF\xBC\xBC" : "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t' || c == '\r') {
      out += ' ';
    } else if (static_cast<unsigned char>(c) < 0x20 || c == '\x7f') {
      out += kReplacement;
    } else {
      out += c;
    }
  }
  out += '"';
}

Status WriteGraphJson(const SortedGraph& g, const Json& graph_attrs, const std::string& path) {
  return WriteFileAtomically(path, [&](std::ostream& out) {
    WriteNodeLink(g, graph_attrs, out);
    out << '\n';
  });
}

void WriteGraphml(const SortedGraph& g, std::ostream& out) {
  // Keys in Boost's order (by attribute name), as the flat graph's fields.
  struct Key {
    const char* for_what;
    const char* name;
    const char* type;
  };
  static constexpr Key kKeys[] = {
      {"node", "aliases", "string"}, {"node", "attrs", "string"},    {"node", "documents", "string"},
      {"edge", "edge_attrs", "string"}, {"edge", "evidence", "string"}, {"edge", "key", "string"},
      {"node", "label", "string"},   {"node", "mentions", "long"},   {"node", "node_id", "string"},
      {"edge", "relation", "string"}, {"node", "type", "string"},    {"node", "value", "string"},
      {"edge", "weight", "long"}};
  std::string buf =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  for (size_t k = 0; k < std::size(kKeys); ++k) {
    buf += "  <key id=\"key" + std::to_string(k) + "\" for=\"" + kKeys[k].for_what + "\" attr.name=\"" + kKeys[k].name +
           "\" attr.type=\"" + kKeys[k].type + "\" />\n";
  }
  buf += "  <graph id=\"G\" edgedefault=\"directed\" parse.nodeids=\"canonical\" parse.edgeids=\"canonical\" "
         "parse.order=\"nodesfirst\">\n";
  std::unordered_map<std::string, size_t> index;  // node id -> its number
  g.ForEachNode([&](const NodeProps& n) {
    const size_t i = index.size();
    index.emplace(n.id, i);
    buf += "    <node id=\"n";
    AppendJsonInteger(buf, static_cast<int64_t>(i));
    buf += "\">\n";
    AppendDataWith(buf, 0, [&](std::string& o) { AppendXmlJsonList(o, n.aliases); });
    AppendData(buf, 1, n.attrs.is_object() ? n.attrs.dump() : "");
    AppendDataWith(buf, 2, [&](std::string& o) { AppendXmlJsonList(o, n.documents); });
    AppendData(buf, 6, n.label);
    AppendDataWith(buf, 7, [&](std::string& o) { AppendJsonInteger(o, static_cast<int64_t>(n.mentions)); });
    AppendData(buf, 8, n.id);
    AppendData(buf, 10, n.type);
    AppendData(buf, 11, n.value.is_null() ? "" : n.value.dump());
    buf += "    </node>\n";
    if (buf.size() > (1u << 20)) Flush(buf, out);
  });
  size_t edges = 0;
  g.ForEachEdge([&](const std::string& source, const std::string& target, const EdgeProps& p) {
    buf += "    <edge id=\"e";
    AppendJsonInteger(buf, static_cast<int64_t>(edges++));
    buf += "\" source=\"n";
    AppendJsonInteger(buf, static_cast<int64_t>(index.at(source)));
    buf += "\" target=\"n";
    AppendJsonInteger(buf, static_cast<int64_t>(index.at(target)));
    buf += "\">\n";
    AppendData(buf, 3, p.attrs.is_object() ? p.attrs.dump() : "");
    AppendDataWith(buf, 4, [&](std::string& o) { AppendXmlEvidence(o, p.evidence); });
    AppendData(buf, 5, p.key);
    AppendData(buf, 9, p.relation);
    AppendDataWith(buf, 12, [&](std::string& o) { AppendJsonInteger(o, static_cast<int64_t>(p.evidence.size())); });
    buf += "    </edge>\n";
    if (buf.size() > (1u << 20)) Flush(buf, out);
  });
  buf += "  </graph>\n</graphml>\n";
  Flush(buf, out);
}

Status WriteGraphmlFile(const SortedGraph& g, const std::string& path) {
  return WriteFileAtomically(path, [&](std::ostream& out) { WriteGraphml(g, out); });
}

void WriteDot(const SortedGraph& g, std::ostream& out, const DotOptions& options) {
  std::string buf = "digraph G {\n";
  buf += kDotDefaults;
  std::set<std::string> types;
  g.ForEachNode([&](const NodeProps& n) {
    AppendDotNode(buf, n);
    types.insert(n.type);
    if (buf.size() > (1u << 20)) Flush(buf, out);
  });
  g.ForEachEdge([&](const std::string& source, const std::string& target, const EdgeProps& p) {
    if (p.relation == kMentions && !options.mentions) return;
    AppendDotId(buf, source);
    buf += " -> ";
    AppendDotId(buf, target);
    buf += " [label=";
    AppendDotLabel(buf, EdgeLabel(p.relation, p.attrs, p.evidence.size()));
    buf += p.relation == kMentions ? ", style=dashed, color=\"#aaaaaa\", fontcolor=\"#888888\"];\n" : "];\n";
    if (buf.size() > (1u << 20)) Flush(buf, out);
  });
  AppendDotLegend(buf, types);
  buf += "}\n";
  Flush(buf, out);
}

Status WriteDotFile(const SortedGraph& g, const std::string& path, const DotOptions& options) {
  return WriteFileAtomically(path, [&](std::ostream& out) { WriteDot(g, out, options); });
}

Status WriteGraphFiles(const SortedGraph& g, const Json& graph_attrs, const std::string& dir,
                       const std::set<std::string>& formats, OutputSet& outputs, const DotOptions& dot) {
  std::vector<std::pair<AtomicFile*, std::function<void(std::ostream&)>>> writers;
  auto add = [&](const char* name, std::function<void(std::ostream&)> fill) {
    AtomicFile& f = outputs.Add(dir + "/" + name);
    if (f.status().ok()) writers.emplace_back(&f, std::move(fill));
  };
  if (formats.count("json")) {
    add("graph.json", [&](std::ostream& out) {
      WriteNodeLink(g, graph_attrs, out);
      out << '\n';
    });
  }
  if (formats.count("graphml")) add("graph.graphml", [&](std::ostream& out) { WriteGraphml(g, out); });
  if (formats.count("dot")) add("graph.dot", [&](std::ostream& out) { WriteDot(g, out, dot); });
  std::vector<Status> out(writers.size(), Status::Ok());
  tbb::task_group group;
  for (size_t i = 0; i < writers.size(); ++i) {
    group.run([&, i] {
      // A value a format cannot hold must not abort the run: it fails the output set instead.
      try {
        writers[i].second(writers[i].first->stream());
      } catch (const std::exception& e) {
        out[i] = Status::DataLoss(writers[i].first->path() + ": cannot write: " + e.what());
      }
    });
  }
  group.wait();
  for (const Status& s : out) {
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace policygraph
