#include "output/node_link_writer.h"

#include <unicode/utf8.h>

#include <charconv>
#include <cstring>
#include <string>

#include "graph/node_link.h"

namespace policygraph {
namespace {

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
  template <typename Strings>
  void StringList(const Strings& items, int depth) {
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

namespace {

// Whether the 8 bytes of `w` are all printable ASCII other than '"' and '\\' (written as they are).
bool PlainWord(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto has_zero = [&](uint64_t x) { return ((x - kOnes) & ~x & kHigh) != 0; };
  const bool control = ((w - kOnes * 0x20) & ~w & kHigh) != 0;  // a byte below 0x20
  return (w & kHigh) == 0 && !control && !has_zero(w ^ (kOnes * '"')) && !has_zero(w ^ (kOnes * '\\'));
}

// How nlohmann writes a byte below 0x20, '"' or '\\'.
void AppendEscape(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\b': out += "\\b"; return;
    case '\t': out += "\\t"; return;
    case '\n': out += "\\n"; return;
    case '\f': out += "\\f"; return;
    case '\r': out += "\\r"; return;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";
      const char u[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
      out.append(u, sizeof u);
    }
  }
}

// The length of the start of `s` that is written as it is: printable ASCII other than '"' and '\\'.
size_t PlainPrefix(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  size_t i = 0;
  for (uint64_t w; i + 8 <= s.size(); i += 8) {
    std::memcpy(&w, p + i, 8);
    if (!PlainWord(w)) break;
  }
  while (i < s.size() && p[i] >= 0x20 && p[i] < 0x80 && p[i] != '"' && p[i] != '\\') ++i;
  return i;
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  const size_t mark = out.size();
  const size_t plain = PlainPrefix(s);
  if (plain == s.size()) {  // most strings: ids, types, ASCII text; one copy, no escapes
    out.resize(mark + s.size() + 2);
    char* to = out.data() + mark;
    to[0] = '"';
    std::memcpy(to + 1, s.data(), s.size());
    to[s.size() + 1] = '"';
    return;
  }
  out += '"';
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  int32_t i = static_cast<int32_t>(plain), done = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (PlainWord(w)) {
        i += 8;
        continue;
      }
    }
    const uint8_t c = p[i];
    if (c >= 0x80) {  // kept as it is when it is UTF-8
      UChar32 cp;
      U8_NEXT(p, i, n, cp);
      if (cp >= 0) continue;
      // Not UTF-8: nlohmann's own escaping, where such bytes become U+FFFD.
      out.resize(mark);
      out += Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
      return;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(s.data() + done, static_cast<size_t>(i - done));
    AppendEscape(out, c);
    done = ++i;
  }
  out.append(s.data() + done, static_cast<size_t>(n - done));
  out += '"';
}

void AppendJsonValue(std::string& out, const Json& v) {
  switch (v.type()) {
    case Json::value_t::string: AppendJsonString(out, v.get_ref<const std::string&>()); return;
    case Json::value_t::number_integer: AppendJsonInteger(out, v.get<int64_t>()); return;
    case Json::value_t::null: out += "null"; return;
    case Json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; return;
    case Json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, value] : v.items()) {
        if (!first) out += ',';
        first = false;
        AppendJsonString(out, key);
        out += ':';
        AppendJsonValue(out, value);
      }
      out += '}';
      return;
    }
    case Json::value_t::array: {
      out += '[';
      for (size_t i = 0; i < v.size(); ++i) {
        if (i > 0) out += ',';
        AppendJsonValue(out, v[i]);
      }
      out += ']';
      return;
    }
    default: out += v.dump();  // unsigned and floating-point numbers, binary values
  }
}

void WriteNodeLink(const SortedGraph& g, const Json& graph_attrs, std::ostream& out) {
  PrettyJson w(out);
  w.Raw("{");
  w.Key("directed", 1, true);
  w.Raw("true");
  w.Key("multigraph", 1, false);
  w.Raw("true");
  w.Key("graph", 1, false);
  w.Value(graph_attrs.is_object() ? graph_attrs : Json::object(), 1);
  // A list member: "[" before the first item, "," between, "[]" when empty.
  bool any = false;
  auto next_item = [&] {
    w.Raw(any ? "," : "[");
    any = true;
    w.Newline(2);
  };
  auto close_list = [&] {
    if (!any) {
      w.Raw("[]");
      return;
    }
    w.Newline(1);
    w.Raw("]");
    any = false;
  };
  w.Key("nodes", 1, false);
  g.ForEachNode([&](const NodeProps& n) {
    next_item();
    WriteNode(n, w);
    w.MaybeFlush();
  });
  close_list();
  w.Key("edges", 1, false);
  g.ForEachEdge([&](const std::string& source, const std::string& target, const EdgeProps& p) {
    next_item();
    if (HasFixedKeyAttr(p)) {
      // Rare: let ToNodeLink's object decide the member order, on a one-edge graph.
      KnowledgeGraph one;
      for (const std::string& id : {source, target}) {
        NodeProps end;
        end.id = id;
        one.UpsertNode(std::move(end));
      }
      one.UpsertEdge(source, p.relation, target, p.attrs, p.evidence);
      w.Value(ToNodeLink(one, Json::object())["edges"][0], 2);
    } else {
      WriteEdge(source, target, p, w);
    }
    w.MaybeFlush();
  });
  close_list();
  w.Newline(0);
  w.Raw("}");
}

}  // namespace policygraph
