#include "stages/plans/five_year_plan.h"

#include <algorithm>
#include <array>
#include <map>
#include <cctype>
#include <string>

#include <re2/re2.h>
#include "pipeline/rules/word_list.h"
#include "pipeline/core/text_util.h"

namespace policygraph {
namespace {

constexpr int kMaxPlan = 30;

// The words that name the plan countries of stages/plans/plan_countries.tsv as an RE2 group: the
// default country's (China's) or the others'.
std::string PlanCountryPattern(bool default_country) {
  std::string out = "\\b(";
  bool first = true;
  for (const LexiconEntry& e : WordList("plan_countries").entries) {
    if ((e.attrs.value("default", "") == "yes") != default_country) continue;
    for (const std::string& form : e.surfaces) {
      if (!first) out += '|';
      out += RE2::QuoteMeta(form);
      first = false;
    }
  }
  out += ")\\b";
  return out;
}

// Whose plan an "Nth Five-Year Plan" is: "" for China, else the other country the text names. The
// nearest country word before the mention in its sentence decides ("India's Twelfth Five-Year
// Plan"); else the 3,000 bytes before and 500 after, China's cues against the others'; with no cue
// at all, China (whose plans the genre discusses).
std::string PlanCountryOf(const RuleMatch& m) {
  static const RE2 kChina(PlanCountryPattern(true));
  static const RE2 kOther(PlanCountryPattern(false));
  static const Lexicon& kCountries = WordList("plan_countries");
  auto country_of = [](std::string_view cue) {
    const LexiconEntry* e = kCountries.Find(cue);
    return e == nullptr ? std::string() : e->canonical;
  };
  const std::string& view = m.doc().view.text();
  const std::string_view mention = m.text();
  if (mention.data() < view.data() || mention.data() > view.data() + view.size()) return "";
  const size_t at = static_cast<size_t>(mention.data() - view.data());
  // The last country word of either kind in the sentence before the mention.
  const auto& sentences = m.doc().sentences;
  auto sentence = std::upper_bound(sentences.begin(), sentences.end(), at,
                                   [](size_t pos, const Span& span) { return pos < span.start; });
  const size_t sentence_start = sentence == sentences.begin() ? 0 : std::prev(sentence)->start;
  const std::string_view before = std::string_view(view).substr(sentence_start, at - sentence_start);
  std::string last_other;
  size_t last_china = std::string_view::npos, last_other_at = std::string_view::npos;
  re2::StringPiece in(before.data(), before.size()), word;
  while (RE2::FindAndConsume(&in, kChina, &word)) last_china = static_cast<size_t>(word.data() - before.data());
  in = re2::StringPiece(before.data(), before.size());
  while (RE2::FindAndConsume(&in, kOther, &word)) {
    last_other_at = static_cast<size_t>(word.data() - before.data());
    last_other = country_of(std::string_view(word.data(), word.size()));
  }
  if (last_other_at != std::string_view::npos && (last_china == std::string_view::npos || last_other_at > last_china)) {
    return last_other;
  }
  if (last_china != std::string_view::npos) return "";
  // The text around: China unless another country is named more often.
  const size_t from = at > 3000 ? at - 3000 : 0;
  const std::string_view around = std::string_view(view).substr(from, std::min(view.size(), at + 500) - from);
  int china = 0, others = 0;
  std::map<std::string, int> by_country;
  in = re2::StringPiece(around.data(), around.size());
  while (RE2::FindAndConsume(&in, kChina)) ++china;
  in = re2::StringPiece(around.data(), around.size());
  while (RE2::FindAndConsume(&in, kOther, &word)) {
    ++others;
    ++by_country[country_of(std::string_view(word.data(), word.size()))];
  }
  if (others <= china) return "";
  return std::max_element(by_country.begin(), by_country.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })->first;
}

// Where a plan's topic runs on into a date: " in December", " since 2021" (the prepositions are
// the pattern's grammar; the month names a word list).
std::string TopicDatePattern() {
  std::string out = R"(\s+(?:in|on|of|for|by|since|until)\s+(?:)";
  out += WordAlternation(WordList("months"), WordForms::kValues);
  out += R"(|(?:19|20)\d\d)\b)";
  return out;
}

}  // namespace

std::optional<int> ParseOrdinal(std::string_view word) {
  static const Lexicon& kOrdinals = WordList("ordinals");
  if (std::optional<int> n = WordNumber(kOrdinals.Find(word), "number")) return n;
  std::string lower(word);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
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

namespace {

// The first year of China's Nth Five-Year Plan: 1st 1953, 2nd 1958; then three years of
// readjustment (1963-1965), so the 3rd began in 1966 and the Nth (N >= 3) in 1966 + 5(N-3).
int ChinaPlanStart(int n) { return n <= 2 ? 1953 + 5 * (n - 1) : 1966 + 5 * (n - 3); }

// N when `from`-`to` is the period of China's Nth plan ("2021-2025": 14); else nullopt.
std::optional<int> ChinaPlanOfPeriod(int from, int to) {
  for (int n = 1; n <= kMaxPlan; ++n) {
    if (ChinaPlanStart(n) == from && to == from + 4) return n;
  }
  return std::nullopt;
}

// The years written beside the name: groups from_year and to_year ("2021-2025 Five-Year Plan"),
// or from_year2 and to_year2 ("Five-Year Plan (2021-2025)").
std::optional<std::pair<int, int>> WrittenPeriod(const RuleMatch& m) {
  const bool after = !m.Has("from_year") && m.Has("from_year2");
  const std::string_view from_group = after ? "from_year2" : "from_year", to_group = after ? "to_year2" : "to_year";
  if (!m.Has(from_group) || !m.Has(to_group)) return std::nullopt;
  const int from = std::stoi(std::string(m.Group(from_group))), to = std::stoi(std::string(m.Group(to_group)));
  if (to <= from || to - from > 10) return std::nullopt;
  return std::make_pair(from, to);
}

// A sectoral plan of the period: "14th Five-Year Plan for Intelligent Manufacturing Development"
// is a plan of its own, named in full (group `topic`); the topic stops before a date it runs into
// ("... Development in December 2021"). Appends it to the value and keeps the mention to its end.
void AddTopic(const RuleMatch& m, NormalizedValue* out) {
  if (!m.Has("topic")) return;
  std::string_view topic = m.Group("topic");
  static const RE2 kDate(TopicDatePattern());
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

}  // namespace

bool NormalizeFiveYearPlan(const RuleMatch& m, NormalizedValue* out) {
  // The plan's number: its ordinal ("14th"), or for a plan written without one, the number of
  // China's plan whose period the text gives ("the Five-Year Plan (2021-2025)").
  const std::optional<std::pair<int, int>> written = WrittenPeriod(m);
  std::optional<int> n;
  if (m.Has("ordinal")) {
    n = ParseOrdinal(m.Group("ordinal"));
    if (!n || *n < 1 || *n > kMaxPlan) return false;
  }
  const std::string country = PlanCountryOf(m);
  if (!n && written && country.empty()) n = ChinaPlanOfPeriod(written->first, written->second);
  out->value = n ? OrdinalSuffixed(*n) + " Five-Year Plan" : std::string("Five-Year Plan");
  AddTopic(m, out);
  // China's periods are known by number; another country's plan is named with its country and has
  // the period the text gives, if any.
  if (!country.empty()) out->value = out->value.get<std::string>() + " (" + country + ")";
  if (!country.empty() || !n) {
    if (written) out->attrs = Json{{"period", std::to_string(written->first) + "/" + std::to_string(written->second)}};
    return true;
  }
  const int start = ChinaPlanStart(*n);
  out->attrs = Json::object();
  out->attrs["period"] = std::to_string(start) + "/" + std::to_string(start + 4);
  return true;
}

}  // namespace policygraph
