// Normalizer `geo_city`: guards for towns from the GeoNames lexicons (see geo_city.h).
#include "stages/places/geo_city.h"

#include <re2/re2.h>

#include "pipeline/rules/word_list.h"

#include <cctype>
#include <memory>
#include <string>
#include <unordered_map>

#include "stages/orgs/entity_name.h"

namespace policygraph {
namespace {

// The text of the match's sentence before and after the match (empty outside a sentence).
void SentenceAround(const RuleMatch& m, std::string_view* before, std::string_view* after) {
  *before = {};
  *after = {};
  const std::string& view = m.doc().view.text();
  const char* at = m.text().data();
  if (at < view.data() || at > view.data() + view.size()) return;
  const size_t start = static_cast<size_t>(at - view.data());
  const size_t end = start + m.text().size();
  const int32_t i = m.doc().SentenceIndexAt(static_cast<uint32_t>(start));
  if (i < 0) return;
  const Span s = m.doc().sentences[static_cast<size_t>(i)];
  if (start < s.start || end > s.end) return;
  *before = std::string_view(view).substr(s.start, start - s.start);
  *after = std::string_view(view).substr(end, s.end - end);
}

// A capitalized word right after the town, within its sentence: "Mosul Dam", "Basra Gateway".
bool CapitalizedWordFollows(std::string_view after) {
  return after.size() >= 2 && after[0] == ' ' && std::isupper(static_cast<unsigned char>(after[1]));
}

// Whether param `key` (a regex) matches `text`; true when the rule has no such param.
bool ParamMatches(const Json& params, const char* key, std::string_view text) {
  if (!params.is_object() || !params.contains(key) || !params[key].is_string()) return true;
  const RE2* re = ParamRegex(params[key].get<std::string>());
  return re != nullptr && RE2::PartialMatch(text, *re);
}

// The word right before the town (after spaces), within its sentence.
std::string_view WordBefore(std::string_view before) {
  size_t end = before.size();
  while (end > 0 && before[end - 1] == ' ') --end;
  size_t start = end;
  while (start > 0 && !std::isspace(static_cast<unsigned char>(before[start - 1]))) --start;
  return before.substr(start, end - start);
}

// A capitalized word, a title ("Mr.", "Gen.") or an initial ("J.") before the town makes it part of
// a person's or another longer name ("Dionne Palermo", "Ms. Hassan", "Edward J. Messina", "East
// Hanover"), even at the start of a sentence; a capitalized function word ("In", "The") does not.
bool NameWordPrecedes(std::string_view before) {
  const std::string_view w = WordBefore(before);
  if (w.empty() || !std::isupper(static_cast<unsigned char>(w[0]))) return false;
  const char last = w.back();
  if (!std::isalpha(static_cast<unsigned char>(last)) && last != '.') return false;
  return !IsCapitalizedStopWord(w);
}

// A town in brackets inside a company's name: "ETLA Technology (Wuxi) Co., Ltd.".
bool BracketedInName(std::string_view before, std::string_view after) {
  return before.ends_with("(") && after.size() >= 3 && after[0] == ')' && after[1] == ' ' &&
         std::isupper(static_cast<unsigned char>(after[2]));
}

// A hyphen, then a word that keeps a town a place (stages/places/place_modifiers.tsv): "-based".
std::string PlaceModifierPattern() {
  std::string out = "^-(?:";
  out += WordAlternation(WordList("place_modifiers"));
  out += ")\\b";
  return out;
}

// A lowercase suffix glued to the town makes another word: "Sakai-ku" (a ward), not "Gaza-based".
bool GluedSuffix(std::string_view after) {
  static const RE2 kGlued(R"(^-[a-z])");
  static const RE2 kPlaceModifier(PlaceModifierPattern());
  return RE2::PartialMatch(after, kGlued) && !RE2::PartialMatch(after, kPlaceModifier);
}

// With cue params, one of them must match; a rule without any needs no cue.
bool HasCue(const RuleMatch& m, std::string_view before, std::string_view after) {
  const Json& p = m.rule().params;
  const bool wants_before = p.is_object() && p.contains("cue_before");
  const bool wants_after = p.is_object() && p.contains("cue_after");
  if (!wants_before && !wants_after) return true;
  return (wants_before && ParamMatches(p, "cue_before", before)) ||
         (wants_after && ParamMatches(p, "cue_after", after));
}

}  // namespace

bool NormalizeGeoCity(const RuleMatch& m, NormalizedValue* out) {
  std::string_view before, after;
  SentenceAround(m, &before, &after);
  if (CapitalizedWordFollows(after) || NameWordPrecedes(before) || BracketedInName(before, after) ||
      GluedSuffix(after)) {
    return false;
  }
  const Json& p = m.rule().params;
  if (p.is_object() && p.contains("not_after") && ParamMatches(p, "not_after", before)) return false;
  if (!HasCue(m, before, after)) return false;
  return NormalizePlace(m, out);
}

}  // namespace policygraph
