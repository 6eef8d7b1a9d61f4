// ClauseTense: the tense of the clause around a temporal expression, from its nearest tense marker.
#include "stages/dates/timex.h"

#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/rules/word_list.h"

namespace policygraph {
namespace {

bool IsLetter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '\''; }

// A word of the sentence, lowercase, with where it starts and whether it was capitalized.
struct TenseWord {
  std::string text;
  size_t pos;
  bool capitalized;
};

// The words of `sentence`: runs of letters and apostrophes, without leading apostrophes.
std::vector<TenseWord> WordsOf(std::string_view sentence) {
  std::vector<TenseWord> words;
  for (size_t i = 0; i < sentence.size();) {
    if (!IsLetter(sentence[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    std::string w;
    while (j < sentence.size() && IsLetter(sentence[j])) {
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(sentence[j])));
      ++j;
    }
    while (!w.empty() && w.front() == '\'') w.erase(w.begin());
    if (!w.empty()) words.push_back({std::move(w), i, std::isupper(static_cast<unsigned char>(sentence[i])) != 0});
    i = j;
  }
  return words;
}

// The words of stages/dates/tense_words.tsv with role `role`.
FormSet TenseWords(std::string_view role) { return WordFormSetWhere(WordList("tense_words"), "role", role); }

// +1 future, -1 past, 0 none, for the word at k (multi-word markers are read at their head). The
// markers of several words and their conditions ("is to", "as soon as", "set" only before "to" or
// "for", "may" only in lowercase) are grammar, kept here; the single words are lists.
int TenseMarker(const std::vector<TenseWord>& words, size_t k, bool skip_reporting) {
  static const FormSet kModal = TenseWords("modal"), kPlanned = TenseWords("planned"),
                       kReporting = TenseWords("reporting"), kPast = TenseWords("past"),
                       kNotPast = TenseWords("not_past"), kNotFinite = TenseWords("not_finite");
  auto at = [&](size_t i) -> std::string_view { return i < words.size() ? std::string_view(words[i].text) : std::string_view(); };
  const std::string_view w = at(k), next = at(k + 1), prev = k > 0 ? at(k - 1) : std::string_view();
  const std::string_view prev2 = k > 1 ? at(k - 2) : std::string_view();
  const bool after_had = prev == "had" || (prev == "been" && prev2 == "had");
  if (kModal.count(w) > 0) return 1;
  // "may" only in lowercase (else the month)
  if ((w == "may" && !words[k].capitalized) || w == "must" || w == "can") return 1;
  if (w.ends_with("'ll")) return 1;
  if ((w == "is" || w == "are" || w == "am") && next == "to") return 1;
  if (w == "going" && next == "to") return 1;
  if ((w == "plan" || w == "plans" || w == "planning" || w == "expects" || w == "expect") && next == "to") return 1;
  if (kPlanned.count(w) > 0) {
    if (after_had) return -1;
    if (w == "set" && next != "to" && next != "for") return 0;
    return 1;
  }
  if (w == "as" && (next == "soon" || next == "early") && at(k + 2) == "as") return 1;
  if (skip_reporting && kReporting.count(w) > 0) return 0;
  if (w == "was" || w == "were" || w == "had" || w == "did" || w == "wasn't" || w == "weren't" || w == "didn't") return -1;
  if (kPast.count(w) > 0 || (w.size() > 4 && w.ends_with("ed") && kNotPast.count(w) == 0)) {
    // A participle after a form of "be", "to" or a determiner is passive or adjectival: its
    // auxiliary (read on its own) carries the tense.
    if (kNotFinite.count(prev) > 0) return 0;
    return -1;
  }
  return 0;
}

}  // namespace

int ClauseTense(std::string_view sentence, size_t start, size_t end, bool skip_reporting, size_t max_dist) {
  const std::vector<TenseWord> words = WordsOf(sentence);
  // The mention's words are [first, last).
  size_t first = 0, last = 0;
  while (first < words.size() && words[first].pos < start) ++first;
  last = first;
  while (last < words.size() && words[last].pos < end) ++last;
  int best = 0;
  size_t best_dist = SIZE_MAX;
  for (size_t k = 0; k < words.size(); ++k) {
    if (k >= first && k < last) continue;
    const int t = TenseMarker(words, k, skip_reporting);
    if (t == 0) continue;
    const size_t dist = k < first ? first - k : k - last + 1;
    if (dist > max_dist) continue;
    // Markers before the mention win ties (they usually govern it).
    if (dist < best_dist) {
      best = t;
      best_dist = dist;
    }
  }
  return best;
}

}  // namespace policygraph
