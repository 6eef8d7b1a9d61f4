#include "graph/fragment.h"

#include "pipeline/core/mention_types.h"

namespace policygraph {
namespace {

std::string ValueText(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.contains("amount") && v.contains("currency")) {
    return v["currency"].get<std::string>() + " " + v["amount"].dump();
  }
  if (v.is_object() && v.contains("min") && v.contains("currency")) {
    return v["currency"].get<std::string>() + " " + v["min"].dump() + "-" + v.value("max", Json()).dump();
  }
  return v.dump();
}

std::string Canonical(const Mention& m) {
  if (m.value.is_string()) return m.value.get<std::string>();
  if (m.value.is_null()) return m.text;
  return ValueText(m.value);
}

// The node id of `m`, whose canonical text (ValueText of a value, else Canonical) is `text`.
std::string NodeIdOf(const Mention& m, const std::string& text) {
  if (!IsValueType(m.type)) return NodeId(m.type, text);
  std::string id = m.type + ":" + text;
  if (!m.mod.empty()) id += "|" + m.mod;
  if (!m.unit.empty()) id += "|" + m.unit;
  return id;
}

NodeProps NodeOf(const Mention& m, Symbol doc_id) {
  NodeProps n;
  n.type = m.type;
  if (IsValueType(m.type)) {
    const std::string text = ValueText(m.value);
    n.id = NodeIdOf(m, text);
    n.label = m.mod.empty() ? text : m.mod + " " + text;
    if (!m.unit.empty()) n.label += " " + m.unit;
    n.value = m.value;
  } else {
    n.label = Canonical(m);
    n.id = NodeId(m.type, n.label);
    if (m.attrs.is_object()) {
      for (const auto& [k, v] : m.attrs.items()) {
        if (k != "alias") {
          if (!n.attrs.is_object()) n.attrs = Json::object();
          n.attrs[k] = v;
        }
      }
    }
  }
  n.aliases.insert(m.text);
  n.documents.Insert(doc_id);
  n.mentions = 1;
  return n;
}

// The node a relation end stands for, added to `g` if needed: the document itself, an entity
// (already counted by its MENTIONS edge), or a value node (counted here).
KnowledgeGraph::Vertex EndpointNode(const Mention& m, Symbol doc_id, KnowledgeGraph::Vertex doc_node,
                                    KnowledgeGraph& g) {
  if (m.type == "DOCUMENT") return doc_node;
  NodeProps n = NodeOf(m, doc_id);
  if (m.internal) n.aliases.clear();  // not a surface form of this node
  if (!IsValueType(m.type) || m.internal) n.mentions = 0;
  return g.UpsertNode(std::move(n));
}

Evidence EvidenceOf(Symbol doc_id, const Mention& m) {
  return {doc_id, m.sentence, m.span.start, m.span.end, m.rule, m.page};
}

}  // namespace

std::string MentionNodeId(const Mention& m) {
  return NodeIdOf(m, IsValueType(m.type) ? ValueText(m.value) : Canonical(m));
}

KnowledgeGraph BuildFragment(const Document& doc, const Annotations& ann) {
  KnowledgeGraph g;
  const Symbol doc_id(doc.id);  // interned once for all its evidence
  NodeProps d;
  d.id = "DOCUMENT:" + doc.id;
  d.type = "DOCUMENT";
  d.label = doc.meta.title.empty() ? doc.id : doc.meta.title;
  d.documents.Insert(doc_id);
  if (!doc.meta.date.empty()) d.attrs = Json{{"date", doc.meta.date}};
  const KnowledgeGraph::Vertex doc_node = g.UpsertNode(std::move(d));
  static const std::string kMentions = "MENTIONS";
  DeadlineCheck late(ann);
  for (const Mention& m : ann.mentions) {
    if (late.After(0)) return g;
    if (IsValueType(m.type)) continue;
    const KnowledgeGraph::Vertex node = g.UpsertNode(NodeOf(m, doc_id));
    g.UpsertEdge(doc_node, node, kMentions, Json(), {EvidenceOf(doc_id, m)});
  }
  for (const Relation& r : ann.relations) {
    if (late.After(0)) return g;
    const KnowledgeGraph::Vertex s = EndpointNode(r.subject, doc_id, doc_node, g);
    const KnowledgeGraph::Vertex o = EndpointNode(r.object, doc_id, doc_node, g);
    g.UpsertEdge(s, o, r.label, r.attrs, {{doc_id, r.sentence, r.span.start, r.span.end, r.rule, r.page}});
  }
  return g;
}

}  // namespace policygraph
