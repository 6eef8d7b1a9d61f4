#include "output/node_link_writer.h"

#include <charconv>
#include <string>

#include "graph/node_link.h"

namespace policygraph {
namespace {

// Printable ASCII without quote or backslash: written as is.
bool IsPlain(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7F || c == '"' || c == '\\') return false;
  }
  return true;
}

// Appends to a buffer in nlohmann's dump(1) layout: one space of indent per level.
class PrettyJson {
 public:
  explicit PrettyJson(std::ostream& out) : out_(out) {}
  ~PrettyJson() { Flush(); }

  void Raw(std::string_view s) { buf_.append(s); }
  void Newline(int depth) {
    buf_ += '\n';
    buf_.append(static_cast<size_t>(depth), ' ');
  }
  // `"key": ` at `depth`, after a comma when it is not the first member.
  void Key(std::string_view key, int depth, bool first) {
    if (!first) buf_ += ',';
    Newline(depth);
    String(key);
    buf_ += ": ";
  }
  void String(std::string_view s) { AppendJsonString(buf_, s); }
  void Integer(int64_t v) { AppendJsonInteger(buf_, v); }
  // Any JSON value at `depth`, as dump(1) writes it there.
  void Value(const Json& v, int depth) {
    const std::string text = v.dump(1);
    for (char c : text) {
      buf_ += c;
      if (c == '\n') buf_.append(static_cast<size_t>(depth), ' ');  // newlines in strings are escaped
    }
  }
  void StringList(const std::set<std::string>& items, int depth) {
    if (items.empty()) {
      buf_ += "[]";
      return;
    }
    buf_ += '[';
    bool first = true;
    for (const std::string& s : items) {
      if (!first) buf_ += ',';
      first = false;
      Newline(depth + 1);
      String(s);
    }
    Newline(depth);
    buf_ += ']';
  }
  void MaybeFlush() {
    if (buf_.size() > (1u << 20)) Flush();
  }

 private:
  void Flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

  std::ostream& out_;
  std::string buf_;
};

void WriteNode(const NodeProps& n, PrettyJson& w) {
  constexpr int kDepth = 3;  // members of a node object inside "nodes"
  w.Raw("{");
  w.Key("id", kDepth, true);
  w.String(n.id);
  w.Key("type", kDepth, false);
  w.String(n.type);
  w.Key("label", kDepth, false);
  w.String(n.label);
  w.Key("aliases", kDepth, false);
  w.StringList(n.aliases, kDepth);
  if (!n.value.is_null()) {
    w.Key("value", kDepth, false);
    w.Value(n.value, kDepth);
  }
  if (n.attrs.is_object() && !n.attrs.empty()) {
    w.Key("attrs", kDepth, false);
    w.Value(n.attrs, kDepth);
  }
  w.Key("documents", kDepth, false);
  w.StringList(n.documents, kDepth);
  w.Key("mentions", kDepth, false);
  w.Integer(n.mentions);
  w.Newline(kDepth - 1);
  w.Raw("}");
}

void WriteEvidence(const Evidence& e, PrettyJson& w) {
  constexpr int kDepth = 5;  // members of an evidence object inside an edge's "evidence"
  w.Raw("{");
  w.Key("doc", kDepth, true);
  w.String(e.doc.str());
  w.Key("sentence", kDepth, false);
  w.Integer(e.sentence);
  w.Key("start", kDepth, false);
  w.Integer(e.start);
  w.Key("end", kDepth, false);
  w.Integer(e.end);
  w.Key("rule", kDepth, false);
  w.String(e.rule.str());
  if (e.page > 0) {
    w.Key("page", kDepth, false);
    w.Integer(e.page);
  }
  w.Newline(kDepth - 1);
  w.Raw("}");
}

void WriteEdge(const std::string& source, const std::string& target, const EdgeProps& p, PrettyJson& w) {
  constexpr int kDepth = 3;
  w.Raw("{");
  w.Key("source", kDepth, true);
  w.String(source);
  w.Key("target", kDepth, false);
  w.String(target);
  w.Key("key", kDepth, false);
  w.String(p.key);
  w.Key("relation", kDepth, false);
  w.String(p.relation);
  if (p.attrs.is_object()) {
    for (const auto& [k, v] : p.attrs.items()) {
      w.Key(k, kDepth, false);
      w.Value(v, kDepth);
    }
  }
  w.Key("evidence", kDepth, false);
  if (p.evidence.empty()) {
    w.Raw("[]");
  } else {
    w.Raw("[");
    bool first = true;
    for (const Evidence& e : p.evidence) {
      if (!first) w.Raw(",");
      first = false;
      w.Newline(kDepth + 1);
      WriteEvidence(e, w);
    }
    w.Newline(kDepth);
    w.Raw("]");
  }
  w.Key("weight", kDepth, false);
  w.Integer(static_cast<int64_t>(p.evidence.size()));
  w.Newline(kDepth - 1);
  w.Raw("}");
}

// An edge attribute named like a fixed member replaces it in place in ToNodeLink's object.
bool HasFixedKeyAttr(const EdgeProps& p) {
  if (!p.attrs.is_object()) return false;
  for (const char* k : {"source", "target", "key", "relation", "evidence", "weight"}) {
    if (p.attrs.contains(k)) return true;
  }
  return false;
}

}  // namespace

void AppendJsonInteger(std::string& out, int64_t v) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, v);
  out.append(digits, end);
}

void AppendJsonString(std::string& out, std::string_view s) {
  if (IsPlain(s)) {
    out += '"';
    out.append(s);
    out += '"';
  } else {
    // nlohmann's own escaping; bytes that are not UTF-8 become U+FFFD rather than an exception.
    out += Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
  }
}

void WriteNodeLink(const KnowledgeGraph& kg, const Json& graph_attrs, std::ostream& out) {
  const auto& g = kg.graph();
  PrettyJson w(out);
  w.Raw("{");
  w.Key("directed", 1, true);
  w.Raw("true");
  w.Key("multigraph", 1, false);
  w.Raw("true");
  w.Key("graph", 1, false);
  w.Value(graph_attrs.is_object() ? graph_attrs : Json::object(), 1);
  w.Key("nodes", 1, false);
  const auto vertices = kg.SortedVertices();
  if (vertices.empty()) w.Raw("[]");
  for (size_t i = 0; i < vertices.size(); ++i) {
    w.Raw(i == 0 ? "[" : ",");
    w.Newline(2);
    WriteNode(g[vertices[i]], w);
    w.MaybeFlush();
  }
  if (!vertices.empty()) {
    w.Newline(1);
    w.Raw("]");
  }
  w.Key("edges", 1, false);
  const auto edges = kg.SortedEdges();
  if (edges.empty()) w.Raw("[]");
  for (size_t i = 0; i < edges.size(); ++i) {
    w.Raw(i == 0 ? "[" : ",");
    w.Newline(2);
    const auto e = edges[i];
    const EdgeProps& p = g[e];
    if (HasFixedKeyAttr(p)) {
      // Rare: let ToNodeLink's object decide the member order, on a one-edge graph.
      KnowledgeGraph one;
      one.UpsertNode(g[boost::source(e, g)]);
      one.UpsertNode(g[boost::target(e, g)]);
      one.UpsertEdge(g[boost::source(e, g)].id, p.relation, g[boost::target(e, g)].id, p.attrs, p.evidence);
      w.Value(ToNodeLink(one, Json::object())["edges"][0], 2);
    } else {
      WriteEdge(g[boost::source(e, g)].id, g[boost::target(e, g)].id, p, w);
    }
    w.MaybeFlush();
  }
  if (!edges.empty()) {
    w.Newline(1);
    w.Raw("]");
  }
  w.Newline(0);
  w.Raw("}");
}

}  // namespace policygraph
