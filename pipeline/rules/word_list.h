// Word lists: the language data of the stages (month and weekday names, ordinals, number words,
// head nouns, ...), one TSV file per idea beside the stage that owns it, found by file name.
//
//   static const Lexicon& kMonths = WordList("months");   // stages/dates/months.tsv
//   if (const LexiconEntry* e = kMonths.Find("Sept")) ...  // e->canonical "September"
//
// A word list is a TSV lexicon (columns `value`, `aliases` and attribute columns, '#' comments):
// the binary carries the defaults, and a file of the same name in a `--rules` directory replaces
// one (UseWordListDirs). Each list is parsed and indexed once, on its first use; thread-safe.
#ifndef POLICYGRAPH_PIPELINE_RULES_WORD_LIST_H_
#define POLICYGRAPH_PIPELINE_RULES_WORD_LIST_H_

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/rules/rule.h"

namespace policygraph {

// The word list of data file NAME.tsv: from a `--rules` directory when one holds it, else the
// embedded stages/*/NAME.tsv. Throws std::logic_error when there is none or it does not parse
// (an embedded list is checked by the test suite; a user's by UseWordListDirs).
const Lexicon& WordList(std::string_view name);
// The same, or nullptr when there is no word list of that name.
const Lexicon* FindWordList(std::string_view name);

// Which forms of a word list: every surface form, the `value` column alone, or the aliases alone.
enum class WordForms { kAll, kValues, kAliases };

// The forms of `list` as an RE2 alternation without a group, each form quoted and followed by the
// regex `suffix` ("\\." for "Jan."), longest first (so that RE2, which takes the first alternative
// that matches, prefers "March" over "Mar").
std::string WordAlternation(const Lexicon& list, WordForms forms = WordForms::kAll, std::string_view suffix = "");

// The forms of `list` exactly as written, each followed by `suffix` ("Jan" -> "Jan."): a sorted
// table for case-sensitive lookups.
using FormSet = std::set<std::string, std::less<>>;
FormSet WordFormSet(const Lexicon& list, WordForms forms = WordForms::kAll, std::string_view suffix = "");

// The values of the entries of `list` whose column `column` reads `value` (head nouns whose `name`
// column is "yes"), for case-sensitive lookups.
FormSet WordFormSetWhere(const Lexicon& list, std::string_view column, std::string_view value);

// The integer in column `column` of `entry` (a month's "number": 9), or nullopt when `entry` is
// null or has none.
std::optional<int> WordNumber(const LexiconEntry* entry, std::string_view column);

// True when `word` is one of the forms of `list` (exactly as written, or ignoring ASCII case).
inline bool InWordList(const Lexicon& list, std::string_view word) { return list.Find(word) != nullptr; }

// Makes the NAME.tsv files of `dirs` replace the default word lists of that name; call before the
// first lookup (the CLI does when it loads the rules). Returns the problems found, one
// `file:line: message` per line ("" when none), and sets `fingerprint` to a hash of the files used
// ("" when none), for caches.
std::string UseWordListDirs(const std::vector<std::string>& dirs, std::string* fingerprint);

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_WORD_LIST_H_
