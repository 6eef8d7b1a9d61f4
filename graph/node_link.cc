#include "graph/node_link.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace policygraph {
namespace {

Json NodeToJson(const NodeProps& n) {
  Json j = Json::object();
  j["id"] = n.id;
  j["type"] = n.type;
  j["label"] = n.label;
  j["aliases"] = Json(std::vector<std::string>(n.aliases.begin(), n.aliases.end()));
  if (!n.value.is_null()) j["value"] = n.value;
  if (n.attrs.is_object() && !n.attrs.empty()) j["attrs"] = n.attrs;
  j["documents"] = Json(std::vector<std::string>(n.documents.begin(), n.documents.end()));
  j["mentions"] = n.mentions;
  return j;
}

Json EvidenceToJson(const Evidence& e) {
  Json j{{"doc", e.doc.str()}, {"sentence", e.sentence}, {"start", e.start}, {"end", e.end}, {"rule", e.rule.str()}};
  if (e.page > 0) j["page"] = e.page;
  return j;
}

// `v` as an integer of type T: a JSON integer (or an integral number) within T's range. Anything
// else throws: converting a float out of range is undefined behaviour, a negative one wraps.
template <typename T>
T IntegerOf(const Json& v, const char* name) {
  if (v.is_number_unsigned() && std::in_range<T>(v.get<uint64_t>())) return static_cast<T>(v.get<uint64_t>());
  if (v.is_number_integer() && std::in_range<T>(v.get<int64_t>())) return static_cast<T>(v.get<int64_t>());
  if (v.is_number_float()) {
    const double d = v.get<double>(), limit = std::ldexp(1.0, std::numeric_limits<T>::digits);  // 2^31, 2^32, 2^63
    if (std::trunc(d) == d && d < limit && d >= (std::is_signed_v<T> ? -limit : 0.0)) return static_cast<T>(d);
  }
  throw std::out_of_range(std::string("'") + name + "' is not an integer in range: " + v.dump());
}

// The member `name` of `obj` as IntegerOf reads it; `fallback` when it is absent.
template <typename T>
T IntegerOr(const Json& obj, const char* name, T fallback) {
  auto it = obj.find(name);
  return it == obj.end() ? fallback : IntegerOf<T>(*it, name);
}

}  // namespace

Json ToNodeLink(const KnowledgeGraph& kg, const Json& graph_attrs) {
  const auto& g = kg.graph();
  Json out = Json::object();
  out["directed"] = true;
  out["multigraph"] = true;
  out["graph"] = graph_attrs.is_object() ? graph_attrs : Json::object();
  Json nodes = Json::array();
  for (auto v : kg.SortedVertices()) nodes.push_back(NodeToJson(g[v]));
  Json edges = Json::array();
  for (auto e : kg.SortedEdges()) {
    const EdgeProps& p = g[e];
    Json j = Json::object();
    j["source"] = g[boost::source(e, g)].id;
    j["target"] = g[boost::target(e, g)].id;
    j["key"] = p.key;
    j["relation"] = p.relation;
    if (p.attrs.is_object()) {
      for (const auto& [k, v] : p.attrs.items()) j[k] = v;
    }
    Json ev = Json::array();
    for (const Evidence& x : p.evidence) ev.push_back(EvidenceToJson(x));
    j["evidence"] = std::move(ev);
    j["weight"] = p.evidence.size();
    edges.push_back(std::move(j));
  }
  out["nodes"] = std::move(nodes);
  out["edges"] = std::move(edges);
  return out;
}

StatusOr<KnowledgeGraph> FromNodeLink(const Json& data) {
  if (!data.is_object() || !data.contains("nodes") || !data["nodes"].is_array()) {
    return Status::InvalidArgument("not node-link graph data (no 'nodes' list)");
  }
  KnowledgeGraph kg;
  size_t i = 0;
  try {
    for (const Json& n : data["nodes"]) {
      NodeProps p;
      p.id = n.at("id").get<std::string>();
      p.type = n.value("type", "");
      p.label = n.value("label", "");
      for (const Json& a : n.value("aliases", Json::array())) p.aliases.insert(a.get<std::string>());
      if (n.contains("value")) p.value = n["value"];
      if (n.contains("attrs")) p.attrs = n["attrs"];
      for (const Json& d : n.value("documents", Json::array())) p.documents.Insert(d.get<std::string>());
      p.mentions = IntegerOr<int64_t>(n, "mentions", 0);
      kg.UpsertNode(p);
      ++i;
    }
    i = 0;
    static const std::set<std::string> kFixed = {"source", "target", "key", "relation", "evidence", "weight"};
    for (const Json& e : data.value("edges", Json::array())) {
      Json attrs;
      for (const auto& [k, v] : e.items()) {
        if (kFixed.count(k)) continue;
        if (!attrs.is_object()) attrs = Json::object();
        attrs[k] = v;
      }
      FlatSet<Evidence> evidence;
      for (const Json& x : e.value("evidence", Json::array())) {
        evidence.Insert({x.at("doc").get<std::string>(), IntegerOr<int32_t>(x, "sentence", -1),
                         IntegerOf<uint32_t>(x.at("start"), "start"), IntegerOf<uint32_t>(x.at("end"), "end"),
                         x.value("rule", ""), IntegerOr<int32_t>(x, "page", 0)});
      }
      const std::string source = e.at("source").get<std::string>(), target = e.at("target").get<std::string>();
      if (!kg.FindNode(source) || !kg.FindNode(target)) {
        return Status::InvalidArgument("edge " + std::to_string(i) + " refers to a node that is not in 'nodes'");
      }
      kg.UpsertEdge(source, e.at("relation").get<std::string>(), target, attrs, evidence);
      ++i;
    }
  } catch (const std::exception& ex) {  // Json::exception, or IntegerOf's std::out_of_range
    return Status::InvalidArgument("bad node or edge " + std::to_string(i) + ": " + ex.what());
  }
  return kg;
}

}  // namespace policygraph
