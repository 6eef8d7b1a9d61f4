// ClauseTense: the tense of the clause around a temporal expression, from its nearest tense marker.
#include "stages/dates/timex.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "stages/dates/timex_internal.h"

namespace policygraph {
namespace {

using namespace timex;

bool IsLetter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '\''; }

// Words that end in -ed without being past-tense verbs.
bool NotAPastForm(std::string_view w) {
  static const std::array<std::string_view, 24> kWords = {
      "need", "speed", "seed", "feed", "bed", "shed", "red", "hundred", "indeed", "proceed", "exceed",
      "succeed", "united", "sacred", "naked", "wicked", "kindred", "aged", "beloved", "breed", "weed",
      "bleed", "reed", "deed"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

bool IrregularPast(std::string_view w) {
  static const std::array<std::string_view, 78> kWords = {
      "was", "were", "had", "did", "said", "told", "began", "became", "brought", "bought", "came", "caught",
      "chose", "dealt", "drew", "drove", "fell", "fled", "fought", "found", "flew", "forgot", "froze", "gave",
      "got", "grew", "heard", "held", "hid", "knew", "laid", "led", "lent", "lost", "made", "meant", "met",
      "paid", "ran", "rang", "rose", "saw", "sought", "sold", "sent", "shook", "shot", "showed", "sang", "sank",
      "sat", "slept", "slid", "spoke", "spent", "stood", "stole", "struck", "stuck", "swore", "swept", "took",
      "taught", "tore", "thought", "threw", "understood", "woke", "wore", "won", "wrote", "withdrew", "overtook",
      "undertook", "went", "ate", "broke", "wasn't"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

}  // namespace

using namespace timex;

int ClauseTense(std::string_view sentence, size_t start, size_t end, bool skip_reporting, size_t max_dist) {
  struct Word {
    std::string text;  // lowercase
    size_t pos;
    bool capitalized;
  };
  std::vector<Word> words;
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
  auto at = [&](size_t k) -> std::string_view { return k < words.size() ? std::string_view(words[k].text) : std::string_view(); };
  // +1 future, -1 past, 0 none, for the word at k (multi-word markers are read at their head).
  auto marker = [&](size_t k) -> int {
    const std::string_view w = at(k), next = at(k + 1), prev = k > 0 ? at(k - 1) : std::string_view();
    const std::string_view prev2 = k > 1 ? at(k - 2) : std::string_view();
    static const std::array<std::string_view, 8> kModal = {"will", "shall", "won't", "would", "wouldn't", "ll", "should", "might"};
    static const std::array<std::string_view, 9> kPlanned = {"scheduled", "slated", "expected", "due", "planned", "set",
                                                             "postponed", "adjourned", "delayed"};
    const bool after_had = prev == "had" || (prev == "been" && prev2 == "had");
    if (std::find(kModal.begin(), kModal.end(), w) != kModal.end()) return 1;
    // "may" only in lowercase (else the month)
    if ((w == "may" && !words[k].capitalized) || w == "must" || w == "can") return 1;
    if (w.ends_with("'ll")) return 1;
    if ((w == "is" || w == "are" || w == "am") && next == "to") return 1;
    if (w == "going" && next == "to") return 1;
    if ((w == "plan" || w == "plans" || w == "planning" || w == "expects" || w == "expect") && next == "to") return 1;
    if (std::find(kPlanned.begin(), kPlanned.end(), w) != kPlanned.end()) {
      if (after_had) return -1;
      if (w == "set" && next != "to" && next != "for") return 0;
      return 1;
    }
    if (w == "as" && (next == "soon" || next == "early") && at(k + 2) == "as") return 1;
    static const std::array<std::string_view, 10> kReporting = {"said", "told", "announced", "reported", "added",
                                                                "disclosed", "noted", "stated", "explained", "confirmed"};
    if (skip_reporting && std::find(kReporting.begin(), kReporting.end(), w) != kReporting.end()) return 0;
    if (w == "was" || w == "were" || w == "had" || w == "did" || w == "wasn't" || w == "weren't" || w == "didn't") return -1;
    if (IrregularPast(w) || (w.size() > 4 && w.ends_with("ed") && !NotAPastForm(w))) {
      // A participle after a form of "be", "to" or a determiner is passive or adjectival: its
      // auxiliary (read on its own) carries the tense.
      static const std::array<std::string_view, 23> kNotFinite = {
          "is", "are", "am", "be", "been", "being", "to", "the", "a", "an", "will", "newly", "still", "very",
          "its", "their", "his", "her", "our", "this", "these", "those", "not"};
      if (std::find(kNotFinite.begin(), kNotFinite.end(), prev) != kNotFinite.end()) return 0;
      return -1;
    }
    return 0;
  };
  // The mention's words are [first, last).
  size_t first = 0, last = 0;
  while (first < words.size() && words[first].pos < start) ++first;
  last = first;
  while (last < words.size() && words[last].pos < end) ++last;
  int best = 0;
  size_t best_dist = SIZE_MAX;
  for (size_t k = 0; k < words.size(); ++k) {
    if (k >= first && k < last) continue;
    const int t = marker(k);
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
