#include "stages/plans/five_year_plan.h"

#include <array>
#include <cctype>
#include <string>

#include <re2/re2.h>
#include "pipeline/text_util.h"

namespace policygraph {
namespace {

constexpr std::array<std::string_view, 20> kOrdinalWords = {
    "first",       "second",     "third",      "fourth",      "fifth",     "sixth",     "seventh",
    "eighth",      "ninth",      "tenth",      "eleventh",    "twelfth",   "thirteenth", "fourteenth",
    "fifteenth",   "sixteenth",  "seventeenth", "eighteenth", "nineteenth", "twentieth"};

constexpr int kMaxPlan = 30;

}  // namespace

std::optional<int> ParseOrdinal(std::string_view word) {
  std::string lower(word);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (size_t i = 0; i < kOrdinalWords.size(); ++i) {
    if (lower == kOrdinalWords[i]) return static_cast<int>(i) + 1;
  }
  size_t digits = 0;
  while (digits < lower.size() && std::isdigit(static_cast<unsigned char>(lower[digits]))) ++digits;
  if (digits == 0 || digits > 3) return std::nullopt;
  const int n = std::stoi(lower.substr(0, digits));
  if (OrdinalSuffixed(n) != lower) return std::nullopt;  // "14rd"
  return n;
}

std::string OrdinalSuffixed(int n) {
  const int last_two = n % 100;
  const char* suffix = "th";
  if (last_two < 11 || last_two > 13) {
    switch (n % 10) {
      case 1: suffix = "st"; break;
      case 2: suffix = "nd"; break;
      case 3: suffix = "rd"; break;
      default: break;
    }
  }
  return std::to_string(n) + suffix;
}

bool NormalizeFiveYearPlan(const RuleMatch& m, NormalizedValue* out) {
  const std::optional<int> n = ParseOrdinal(m.Group("ordinal"));
  if (!n || *n < 1 || *n > kMaxPlan) return false;
  // 1st 1953-1957, 2nd 1958-1962; then three years of readjustment (1963-1965), so the 3rd plan
  // began in 1966 and the Nth (N >= 3) in 1966 + 5(N-3): the 14th spans 2021-2025.
  const int start = *n <= 2 ? 1953 + 5 * (*n - 1) : 1966 + 5 * (*n - 3);
  out->value = OrdinalSuffixed(*n) + " Five-Year Plan";
  // A sectoral plan of the period: "14th Five-Year Plan for Intelligent Manufacturing Development"
  // is a plan of its own, named in full (group `topic`); the topic stops before a date it runs into
  // ("... Development in December 2021").
  if (m.Has("topic")) {
    std::string_view topic = m.Group("topic");
    static const RE2 kDate(
        R"(\s+(?:in|on|of|for|by|since|until)\s+(?:January|February|March|April|May|June|July|August|September|)"
        R"(October|November|December|(?:19|20)\d\d)\b)");
    re2::StringPiece found;
    if (kDate.Match(re2::StringPiece(topic.data(), topic.size()), 0, topic.size(), RE2::UNANCHORED, &found, 1)) {
      topic = topic.substr(0, static_cast<size_t>(found.data() - topic.data()));
    }
    // "for the" or "for" alone is no topic
    const std::vector<std::string_view> words = Words(topic);
    if (words.size() >= 2 && !(words.size() == 2 && words[1] == "the")) {
      out->value = out->value.get<std::string>() + " " + Collapse(topic);
      out->keep = static_cast<size_t>(topic.data() + topic.size() - m.text().data());
    }
  }
  out->attrs = Json::object();
  out->attrs["period"] = std::to_string(start) + "/" + std::to_string(start + 4);
  return true;
}

}  // namespace policygraph
