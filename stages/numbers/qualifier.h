// Quantity qualifiers ("at least", "more than", "nearly", "about", "up to") as mention mods:
// EQUAL_OR_MORE, MORE_THAN, LESS_THAN, APPROX, EQUAL_OR_LESS.
#ifndef POLICYGRAPH_STAGES_NUMBERS_QUALIFIER_H_
#define POLICYGRAPH_STAGES_NUMBERS_QUALIFIER_H_

#include <string>
#include <string_view>

namespace policygraph {

// The mod for a qualifier phrase (case-insensitive); empty when it is not one.
std::string QualifierMod(std::string_view qualifier);

}  // namespace policygraph

#endif  // POLICYGRAPH_STAGES_NUMBERS_QUALIFIER_H_
