// Reference: the GraphML that Boost's own writer produces from the flat graph
// (output/graph_writers.cc writes the same bytes directly).
#ifndef POLICYGRAPH_TESTS_BOOST_GRAPH_WRITERS_H_
#define POLICYGRAPH_TESTS_BOOST_GRAPH_WRITERS_H_

#include <map>
#include <ostream>
#include <set>
#include <string>

// Boost's edge iterators trip GCC's -Wmaybe-uninitialized (a false positive) when inlined here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <boost/property_map/transform_value_property_map.hpp>

#include "graph/knowledge_graph.h"

namespace policygraph::testing {

// A flat, scalar-only copy of the graph in output order: what GraphML and DOT can hold.
struct FlatNode {
  std::string node_id, type, label, aliases, value, attrs, documents;
  long mentions = 0;
};
struct FlatEdge {
  std::string key, relation, attrs, evidence;
  long weight = 0;
};
using FlatGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, FlatNode, FlatEdge>;

template <typename Strings>
std::string JsonList(const Strings& items) {
  return Json(std::vector<std::string>(items.begin(), items.end())).dump();
}

// The copy GraphML needs (`details`: every attribute) or DOT needs (ids, labels, types,
// relations and weights only: no evidence lists to render).
inline FlatGraph Flatten(const KnowledgeGraph& kg, bool details) {
  const auto& g = kg.graph();
  FlatGraph flat;
  std::map<KnowledgeGraph::Vertex, FlatGraph::vertex_descriptor> map;
  for (auto v : kg.SortedVertices()) {
    const NodeProps& n = g[v];
    FlatNode f{n.id, n.type, n.label, "", "", "", "", static_cast<long>(n.mentions)};
    if (details) {
      f.aliases = JsonList(n.aliases);
      f.value = n.value.is_null() ? "" : n.value.dump();
      f.attrs = n.attrs.is_object() ? n.attrs.dump() : "";
      f.documents = JsonList(n.documents);
    }
    map[v] = boost::add_vertex(std::move(f), flat);
  }
  for (auto e : kg.SortedEdges()) {
    const EdgeProps& p = g[e];
    FlatEdge f{p.key, p.relation, "", "", static_cast<long>(p.evidence.size())};
    if (details) {
      Json ev = Json::array();
      for (const Evidence& x : p.evidence) {
        ev.push_back(Json{{"doc", x.doc}, {"sentence", x.sentence}, {"start", x.start}, {"end", x.end}, {"rule", x.rule}});
      }
      f.attrs = p.attrs.is_object() ? p.attrs.dump() : "";
      f.evidence = ev.dump();
    }
    boost::add_edge(map[boost::source(e, g)], map[boost::target(e, g)], std::move(f), flat);
  }
  return flat;
}


inline void BoostGraphml(const KnowledgeGraph& kg, std::ostream& out) {
  FlatGraph flat = Flatten(kg, true);
  boost::dynamic_properties dp;
  dp.property("node_id", boost::get(&FlatNode::node_id, flat));
  dp.property("type", boost::get(&FlatNode::type, flat));
  dp.property("label", boost::get(&FlatNode::label, flat));
  dp.property("aliases", boost::get(&FlatNode::aliases, flat));
  dp.property("value", boost::get(&FlatNode::value, flat));
  dp.property("attrs", boost::get(&FlatNode::attrs, flat));
  dp.property("documents", boost::get(&FlatNode::documents, flat));
  dp.property("mentions", boost::get(&FlatNode::mentions, flat));
  dp.property("key", boost::get(&FlatEdge::key, flat));
  dp.property("relation", boost::get(&FlatEdge::relation, flat));
  dp.property("edge_attrs", boost::get(&FlatEdge::attrs, flat));
  dp.property("evidence", boost::get(&FlatEdge::evidence, flat));
  dp.property("weight", boost::get(&FlatEdge::weight, flat));
  boost::write_graphml(out, flat, dp, true);
}

}  // namespace policygraph::testing

#pragma GCC diagnostic pop

#endif  // POLICYGRAPH_TESTS_BOOST_GRAPH_WRITERS_H_
