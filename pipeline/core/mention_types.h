// The built-in mention types in one place: which are values (DATE, MONEY, ...: what matters is the
// normalized value) and which name entities (ORG, PLAN, ...). Read by the graph, the scorer, the
// rule book and the acronyms and relations stages.
#ifndef POLICYGRAPH_PIPELINE_CORE_MENTION_TYPES_H_
#define POLICYGRAPH_PIPELINE_CORE_MENTION_TYPES_H_

#include <algorithm>
#include <array>
#include <string_view>

namespace policygraph {

// Values: they become graph nodes only as the object of a relation.
inline constexpr std::array<std::string_view, 6> kValueTypes = {"DATE", "DURATION", "SET", "MONEY", "PERCENT", "COUNT"};
// Entities: each is a node of the graph, and an abbreviation defined in the text may stand for one.
inline constexpr std::array<std::string_view, 5> kEntityTypes = {"ORG", "CENTER", "PLAN", "SECTOR", "GPE"};
// Time expressions: TIMEX3's DATE, DURATION and SET, and TIMEX, a gold standard's one type for them.
inline constexpr std::array<std::string_view, 4> kTimeTypes = {"DATE", "DURATION", "SET", "TIMEX"};

inline bool IsValueType(std::string_view type) {
  return std::find(kValueTypes.begin(), kValueTypes.end(), type) != kValueTypes.end();
}

inline bool IsEntityType(std::string_view type) {
  return std::find(kEntityTypes.begin(), kEntityTypes.end(), type) != kEntityTypes.end();
}

inline bool IsTimeType(std::string_view type) {
  return std::find(kTimeTypes.begin(), kTimeTypes.end(), type) != kTimeTypes.end();
}

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_CORE_MENTION_TYPES_H_
