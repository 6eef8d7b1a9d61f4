// How a node type is drawn (shape and fill colour, in DOT and in the HTML report) and how a
// relation is labelled with its attributes ("GOAL\nby 2025"); one palette for every drawing.
#ifndef POLICYGRAPH_OUTPUT_NODE_STYLE_H_
#define POLICYGRAPH_OUTPUT_NODE_STYLE_H_

#include <string>
#include <string_view>

#include "pipeline/core/annotations.h"

namespace policygraph {

struct NodeStyle {
  std::string_view shape;  // a Graphviz shape name
  std::string_view fill;   // "#rrggbb"
  bool rounded = false;    // boxes drawn with rounded corners
};

// The style of node (and mention) type `type`; an unknown type gets a white box.
NodeStyle StyleOf(std::string_view type);

// The label of an edge: its relation, then one line per attribute ("by 2025", "as of 2025",
// "period=2016/2020"), then "x N" when more than one piece of evidence states it.
std::string EdgeLabel(const std::string& relation, const Json& attrs, size_t weight);

}  // namespace policygraph

#endif  // POLICYGRAPH_OUTPUT_NODE_STYLE_H_
