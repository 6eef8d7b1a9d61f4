#include "stages/numbers/qualifier.h"

#include <cctype>
#include <map>

namespace policygraph {

std::string QualifierMod(std::string_view qualifier) {
  static const std::map<std::string, std::string, std::less<>> kMods = {
      {"at least", "EQUAL_OR_MORE"},   {"no less than", "EQUAL_OR_MORE"}, {"not less than", "EQUAL_OR_MORE"},
      {"a minimum of", "EQUAL_OR_MORE"}, {"or more", "EQUAL_OR_MORE"},    {"minimum", "EQUAL_OR_MORE"},
      {"more than", "MORE_THAN"},      {"over", "MORE_THAN"},             {"above", "MORE_THAN"},
      {"exceeding", "MORE_THAN"},      {"in excess of", "MORE_THAN"},     {"upwards of", "MORE_THAN"},
      {"nearly", "LESS_THAN"},         {"almost", "LESS_THAN"},           {"less than", "LESS_THAN"},
      {"fewer than", "LESS_THAN"},     {"under", "LESS_THAN"},            {"below", "LESS_THAN"},
      {"just under", "LESS_THAN"},     {"up to", "EQUAL_OR_LESS"},        {"at most", "EQUAL_OR_LESS"},
      {"no more than", "EQUAL_OR_LESS"}, {"not more than", "EQUAL_OR_LESS"}, {"not to exceed", "EQUAL_OR_LESS"},
      {"a maximum of", "EQUAL_OR_LESS"}, {"or less", "EQUAL_OR_LESS"},    {"maximum", "EQUAL_OR_LESS"},
      {"about", "APPROX"},             {"approximately", "APPROX"},      {"around", "APPROX"},
      {"roughly", "APPROX"},           {"some", "APPROX"},                {"an estimated", "APPROX"},
      {"estimated", "APPROX"},         {"circa", "APPROX"},               {"close to", "APPROX"},
      {"no fewer than", "EQUAL_OR_MORE"}, {"not fewer than", "EQUAL_OR_MORE"}, {"or greater", "EQUAL_OR_MORE"},
      {"or higher", "EQUAL_OR_MORE"},  {"and above", "EQUAL_OR_MORE"},    {"and over", "EQUAL_OR_MORE"},
      {"and up", "EQUAL_OR_MORE"},     {"well over", "MORE_THAN"},        {"just over", "MORE_THAN"},
      {"exceeds", "MORE_THAN"},        {"exceed", "MORE_THAN"},           {"upward of", "MORE_THAN"},
      {"or fewer", "EQUAL_OR_LESS"},   {"or lower", "EQUAL_OR_LESS"},     {"as many as", "EQUAL_OR_LESS"},
      {"as much as", "EQUAL_OR_LESS"}, {"not exceed", "EQUAL_OR_LESS"},   {"shall not exceed", "EQUAL_OR_LESS"},
      {"may not exceed", "EQUAL_OR_LESS"}, {"does not exceed", "EQUAL_OR_LESS"}, {"do not exceed", "EQUAL_OR_LESS"},
      {"will not exceed", "EQUAL_OR_LESS"}, {"to not exceed", "EQUAL_OR_LESS"}, {"approx.", "APPROX"},
      {"more or less", "APPROX"},
  };
  std::string key;
  for (char c : qualifier) {
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::isspace(static_cast<unsigned char>(l))) {
      if (!key.empty() && key.back() != ' ') key += ' ';
    } else {
      key += l;
    }
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  auto it = kMods.find(key);
  return it == kMods.end() ? std::string() : it->second;
}

}  // namespace policygraph
