#include "output/node_style.h"

#include <array>
#include <utility>

namespace policygraph {
namespace {

struct TypeStyle {
  std::string_view type;
  NodeStyle style;
};

// Light fills, so that black labels stay legible; the shapes tell the types apart in grey too.
constexpr std::array<TypeStyle, 14> kStyles = {{
    {"CENTER", {"component", "#b5dfa5"}},
    {"COUNT", {"box3d", "#d4cbef"}},
    {"DATE", {"cds", "#c9dff5"}},
    {"DOCUMENT", {"note", "#e8e8e8"}},
    {"DURATION", {"cds", "#dbe8c4"}},
    {"GPE", {"ellipse", "#e6b3cf"}},
    {"LOC", {"ellipse", "#f0c8c8"}},
    {"MONEY", {"octagon", "#9fe0cf"}},
    {"ORG", {"box", "#a8cdf0", true}},
    {"PERCENT", {"diamond", "#f3e0a0"}},
    {"PERSON", {"egg", "#f7d6e0"}},
    {"PLAN", {"folder", "#ffe08a"}},
    {"SECTOR", {"hexagon", "#fbc99a"}},
    {"SET", {"cds", "#e0d8c8"}},
}};

std::string AttrText(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

}  // namespace

NodeStyle StyleOf(std::string_view type) {
  for (const TypeStyle& s : kStyles) {
    if (s.type == type) return s.style;
  }
  return {"box", "#ffffff"};
}

std::string EdgeLabel(const std::string& relation, const Json& attrs, size_t weight) {
  std::string label = relation;
  if (attrs.is_object()) {
    for (const auto& [key, value] : attrs.items()) {
      label += '\n';
      if (key == "by") {
        label += "by ";
      } else if (key == "as_of") {
        label += "as of ";
      } else {
        label += key;
        label += '=';
      }
      label += AttrText(value);
    }
  }
  if (weight > 1) {
    label += "\nx";
    label += std::to_string(weight);
  }
  return label;
}

}  // namespace policygraph
