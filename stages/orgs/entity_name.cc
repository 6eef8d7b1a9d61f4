#include "stages/orgs/entity_name.h"

#include <re2/re2.h>
#include "pipeline/rules/word_list.h"
#include "pipeline/core/text_util.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace policygraph {
namespace {

bool Contains(const FormSet& words, std::string_view w) { return words.count(w) > 0; }

bool Contains(const auto& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// Capitalized function words: a span starting with one is a clause or a description, not a name.
const FormSet& StopWords() {
  static const FormSet kWords = WordFormSet(WordList("stop_words"));
  return kWords;
}

// Head nouns of names (the word that says what kind of entity it is).
const FormSet& Heads() {
  static const FormSet kWords = WordFormSetWhere(WordList("head_nouns"), "name", "yes");
  return kWords;
}

// Modifiers that do not make a description a name ("Pilot Program", "Federal Agency").
const FormSet& GenericModifiers() {
  static const FormSet kWords = WordFormSet(WordList("generic_modifiers"));
  return kWords;
}

// Lowercase words that join the words of one name ("Department of the Interior").
const FormSet& Connectors() {
  static const FormSet kWords = WordFormSetWhere(WordList("name_connectors"), "long_forms_only", "no");
  return kWords;
}

// Words that may precede a place inside a sentence without making it part of a person's or a
// longer proper name.
const FormSet& PlacePrefixes() {
  static const FormSet kWords = WordFormSet(WordList("place_prefixes"));
  return kWords;
}

bool IsAllCapsAbbreviation(std::string_view w) {
  int upper = 0;
  for (char c : w) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      ++upper;
    } else if (c != '.' && c != '-') {
      return false;
    }
  }
  return upper >= 2;
}

// "Iraqi", "Syrian", "Chinese", "British", "Arabic": adjectives of place.
bool LooksLikeAdjectiveOfPlace(std::string_view w) {
  // English suffixes of adjectives of place: morphology, not a list of words.
  for (std::string_view suffix : {"an", "ese", "i", "ish", "ic"}) {
    if (w.size() > suffix.size() + 2 && w.ends_with(suffix)) return true;
  }
  return false;
}

bool IsCapitalized(std::string_view w) { return !w.empty() && std::isupper(static_cast<unsigned char>(w[0])); }

}  // namespace

bool IsCapitalizedStopWord(std::string_view word) { return Contains(StopWords(), word); }

namespace {

// `words` as an RE2 alternation, each quoted, a space matching any whitespace run.
std::string SpacedAlternation(const FormSet& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += '|';
    std::string quoted = RE2::QuoteMeta(w);
    RE2::GlobalReplace(&quoted, R"(\\ )", R"(\\s+)");
    out += quoted;
  }
  return out;
}

// `prefix`, `words` as an alternation, `suffix`: where a name runs on into something else.
std::string RunOnPattern(std::string_view prefix, const FormSet& words, std::string_view suffix) {
  std::string out(prefix);
  out.append(SpacedAlternation(words)).append(suffix);
  return out;
}

// A preposition, then a month or a weekday name (the prepositions are the pattern's grammar, a
// closed class kept here; the names are word lists).
std::string TemporalRunOnPattern() {
  std::string out = R"(\s+(?:on|for|in|of|since|until|by|through)\s+(?:)";
  out += WordAlternation(WordList("months"));
  out += '|';
  out += WordAlternation(WordList("weekdays"), WordForms::kValues);
  out += R"()\b)";
  return out;
}

// Where a name runs on into a date: " on Feb", " for Saturday", " in March" (the patterns join
// capitalized words across such links). npos when it does not.
size_t TemporalRunOn(std::string_view text) {
  static const RE2 kRunOn(TemporalRunOnPattern());
  re2::StringPiece input(text.data(), text.size()), found;
  if (!kRunOn.Match(input, 0, input.size(), RE2::UNANCHORED, &found, 1)) return std::string_view::npos;
  return static_cast<size_t>(found.data() - text.data());
}

// Where an institute's name runs on into the name of one of its review panels: "National Institute
// on Aging Special Emphasis Panel", "National Heart, Lung, and Blood Initial Review Group" (NIH
// meeting notices). npos when it does not.
size_t ReviewPanelRunOn(std::string_view text) {
  static const RE2 kRunOn(RunOnPattern(R"(\s+(?:)", WordFormSet(WordList("review_panels")), R"()\b)"));
  re2::StringPiece input(text.data(), text.size()), found;
  if (!kRunOn.Match(input, 0, input.size(), RE2::UNANCHORED, &found, 1)) return std::string_view::npos;
  return static_cast<size_t>(found.data() - text.data());
}

// Where a body's name runs on into the body it belongs to: "Committee on Foreign Relations of the
// Senate", "Office of Inspector General of the Department of Veterans Affairs" are two names (the
// gazetteer has the second; a mention over both would lose to it and the first would be lost).
// npos when it does not.
size_t ParentBodyRunOn(std::string_view text) {
  // "of the", "in the", "within the" are the pattern's grammar; the bodies are a word list.
  static const RE2 kRunOn(
      RunOnPattern(R"(\s+(?:of|in|within)\s+the\s+(?:)", WordFormSet(WordList("parent_bodies")), R"()\b)"));
  re2::StringPiece input(text.data(), text.size()), found;
  if (!kRunOn.Match(input, 0, input.size(), RE2::UNANCHORED, &found, 1)) return std::string_view::npos;
  return static_cast<size_t>(found.data() - text.data());
}

// Company suffixes: heads that follow a comma inside one name ("Siasun Robot Co., Ltd.").
const FormSet& CompanySuffixes() {
  static const FormSet kWords = WordFormSet(WordList("company_suffixes"));
  return kWords;
}

bool HasHead(std::string_view text) {
  for (std::string_view w : Words(text)) {
    if (Contains(Heads(), w) && !Contains(CompanySuffixes(), w)) return true;
  }
  return false;
}

// Where a name runs on through a comma into another name, as in an address: "Center for Drug
// Evaluation and Research, Food and Drug Administration" (a head word on both sides). Not a list
// inside one name ("Department of Health, Education, and Welfare", "Department of State, Foreign
// Operations, and Related Programs Appropriations Act") nor a company suffix. npos when it does not.
size_t NameListRunOn(std::string_view text) {
  for (size_t comma = text.find(','); comma != std::string_view::npos; comma = text.find(',', comma + 1)) {
    const size_t next = text.find(',', comma + 1);
    const std::string_view after = text.substr(comma + 1, next == std::string_view::npos ? text.npos : next - comma - 1);
    const std::vector<std::string_view> words = Words(after);
    if (words.empty() || words.front() == "and" || words.front() == "&") continue;
    if (HasHead(after) && HasHead(text.substr(0, comma))) return comma;
  }
  return std::string_view::npos;
}

// True when a word of `text` is neither a connector, a head nor a generic modifier: "Implementation
// Plan" (of "Strategy and Implementation Plan") has none, so it is no second name.
bool HasDistinctiveWord(std::string_view text) {
  for (std::string_view w : Words(text)) {
    if (!Contains(Connectors(), w) && !Contains(Heads(), w) && !Contains(GenericModifiers(), w)) return true;
  }
  return false;
}

// Where a name runs on through "and" into a second name: "Lawrence Livermore National Laboratory
// and Sandia National Laboratories" (a head word before "and", a head after it). Not "Center for
// Drug Evaluation and Research", "Department of Health and Human Services". npos when it does not.
size_t CoordinatedNamesRunOn(std::string_view text) {
  for (std::string_view link : {" and ", " & "}) {
    for (size_t at = text.find(link); at != std::string_view::npos; at = text.find(link, at + 1)) {
      const std::string_view before = text.substr(0, at);
      const size_t space = before.find_last_of(' ');
      const std::string_view last = space == std::string_view::npos ? before : before.substr(space + 1);
      const std::string_view after = text.substr(at + link.size());
      if (Contains(Heads(), last) && !Contains(CompanySuffixes(), last) && HasHead(after) && HasDistinctiveWord(after)) {
        return at;
      }
    }
  }
  return std::string_view::npos;
}

// The address words of `roles` (stages/orgs/address_words.tsv) as an RE2 alternation.
std::string AddressWords(std::initializer_list<std::string_view> roles) {
  FormSet words;
  for (std::string_view role : roles) words.merge(WordFormSetWhere(WordList("address_words"), "role", role));
  return SpacedAlternation(words);
}

// ", " and the start of an address part or a building's or a street's name.
std::string AddressRunOnPattern() {
  std::string out = R"(,\s*(?:(?:)";
  out += AddressWords({"start", "part"});
  out += R"()\b|(?:[A-Z][A-Za-z.'-]*\s+){1,4}(?:)";
  out += AddressWords({"street"});
  out += R"()\b))";
  return out;
}

// Where a name runs on through a comma into the rest of an address: "Bureau of Western Hemisphere
// Affairs, Room 3924", "Division of Regulations Development, Attention: ...", "Office of the General
// Counsel, Mail Stop GC", or into a building or a street: "National Institute on Aging, Gateway
// Building", "T.W. Alexander Drive". npos when it does not.
size_t AddressPartRunOn(std::string_view text) {
  static const RE2 kRunOn(AddressRunOnPattern());
  re2::StringPiece found;
  if (!kRunOn.Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED, &found, 1)) {
    return std::string_view::npos;
  }
  return static_cast<size_t>(found.data() - text.data());
}

// The start of an address part.
std::string AddressStartPattern() {
  std::string out = "^(?:";
  out += AddressWords({"start"});
  out += ")\\b";
  return out;
}

// True for an address part read as a name ("Mail Code" after "Agency, Mail Code 28221T"); only
// words that start no name ("Building Technologies Office", "Stop Online Piracy Act" do).
bool IsAddressPart(std::string_view name) {
  static const RE2 kStart(AddressStartPattern());
  return RE2::PartialMatch(re2::StringPiece(name.data(), name.size()), kStart);
}

// "II", "XVII", "XXVI," (a list of titles); a single "I", "V", "X" only when a list or "of" follows
// ("title V of the Act"), as they start names ("X Prize Foundation").
bool IsRomanNumeral(std::string_view w, std::string_view next) {
  while (!w.empty() && (w.back() == ',' || w.back() == ';')) w.remove_suffix(1);
  if (w.empty() || w.find_first_not_of("IVXLC") != std::string_view::npos) return false;
  return w.size() >= 2 || next == "of" || next == "and" || next == "through";
}

// "RFA Regulatory Flexibility Act" (a list of abbreviations): an all-caps word followed by the
// words it abbreviates.
bool AbbreviationBeforeItsExpansion(const std::vector<std::string_view>& words) {
  const std::string_view first = words.front();
  if (first.size() < 2 || words.size() <= first.size() || !IsAllCapsAbbreviation(first)) return false;
  std::string initials;
  for (size_t i = 1; i < words.size(); ++i) {
    if (IsCapitalized(words[i])) initials += words[i][0];
  }
  return initials.starts_with(first);
}

// True when `written` (a view into the document's view) is followed, after one space, by a
// capitalized word that is not a function word and not a word that may follow a body's name.
bool RunsOnIntoCapitalizedWord(const RuleMatch& m, std::string_view written) {
  static const FormSet kMayFollow = WordFormSet(WordList("body_followers"));
  const std::string& view = m.doc().view.text();
  if (written.data() < view.data() || written.data() + written.size() > view.data() + view.size()) return false;
  size_t i = static_cast<size_t>(written.data() - view.data()) + written.size();
  if (i + 2 >= view.size() || view[i] != ' ' || !std::isupper(static_cast<unsigned char>(view[i + 1]))) return false;
  size_t j = i + 1;
  while (j < view.size() && (std::isalpha(static_cast<unsigned char>(view[j])) || view[j] == '-')) ++j;
  const std::string_view next(view.data() + i + 1, j - i - 1);
  if (next.size() < 2) return false;
  return !IsCapitalizedStopWord(next) && !Contains(kMayFollow, next);
}

// A space, then the head of a facility's name.
std::string FacilityHeadPattern() {
  std::string out = "^ (?:";
  out += WordAlternation(WordList("facility_heads"));
  out += ")\\b";
  return out;
}

// "One" .. "Twelve": how a numbered building's name starts ("One Liberty Center").
FormSet BuildingNumbers() {
  FormSet out;
  for (std::string word : WordFormSet(WordList("number_words"), WordForms::kValues)) {
    word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    out.insert(std::move(word));
  }
  return out;
}

// True when `written` is followed by the head of a facility's name ("Convention Center").
bool RunsOnIntoFacility(const RuleMatch& m, std::string_view written) {
  const std::string& view = m.doc().view.text();
  if (written.data() < view.data() || written.data() + written.size() > view.data() + view.size()) return false;
  static const RE2 kFacility(FacilityHeadPattern());
  const size_t end = static_cast<size_t>(written.data() - view.data()) + written.size();
  return RE2::PartialMatch(re2::StringPiece(view.data() + end, std::min<size_t>(view.size() - end, 20)), kFacility);
}

// True for a building or a venue named like a center: "One Liberty Center", "Three Lafayette
// Centre" (a numbered building), "Vicksburg Convention Center", "World Trade Center" (a venue's kind
// before its head), and "Constitution Center, 400 7th Street SW" (one word and the head, then a
// street number: a building in an address; a research center's name says what it studies).
bool IsBuildingName(const RuleMatch& m, std::string_view written, const std::vector<std::string_view>& words) {
  static const FormSet kNumbers = BuildingNumbers();
  static const FormSet kVenues = WordFormSet(WordList("venue_words"));
  static const FormSet kBuildingHeads = WordFormSetWhere(WordList("facility_heads"), "building", "yes");
  if (words.size() < 2) return false;
  if (Contains(kNumbers, words.front())) return true;
  const std::string& view = m.doc().view.text();
  if (written.data() < view.data() || written.data() + written.size() > view.data() + view.size()) return false;
  // "Liberty Center" of "One Liberty Center" (tried again after the whole was rejected)
  const size_t start = static_cast<size_t>(written.data() - view.data());
  for (std::string_view n : kNumbers) {
    if (start > n.size() && view.compare(start - n.size() - 1, n.size() + 1, std::string(n) + " ") == 0 &&
        (start == n.size() + 1 || !std::isalnum(static_cast<unsigned char>(view[start - n.size() - 2])))) {
      return true;
    }
  }
  const std::string_view head = words.back();
  if (!Contains(kBuildingHeads, head)) return false;
  if (Contains(kVenues, words[words.size() - 2])) return true;
  if (words.size() != 2) return false;
  static const RE2 kStreetNumber(R"(^,\s*\d+[A-Za-z]?\s+[A-Z0-9])");
  const size_t end = static_cast<size_t>(written.data() - view.data()) + written.size();
  return RE2::PartialMatch(re2::StringPiece(view.data() + end, std::min<size_t>(view.size() - end, 40)), kStreetNumber);
}

}  // namespace

namespace {

// The name as written (group `name` or the match), cut where it runs on into a date, the next name
// of a list or an address, a parent body or a review panel (when the name is the whole mention, so
// that both can shrink), and before a possessive; `out->keep` says where. nullopt: no name at all.
std::optional<std::string_view> WrittenName(const RuleMatch& m, NormalizedValue* out, bool* address_cut) {
  std::string_view written = m.Has("name") ? m.Group("name") : m.text();
  *address_cut = false;
  if (!m.Has("name") || written == m.text()) {
    for (size_t (*run_on)(std::string_view) : {&TemporalRunOn, &NameListRunOn, &CoordinatedNamesRunOn, &AddressPartRunOn, &ParentBodyRunOn,
                                                  &ReviewPanelRunOn}) {
      if (const size_t cut = run_on(written); cut != std::string_view::npos) {
        // "Blood" of "Lung, and Blood Initial Review Group" is no name
        if (run_on == &ReviewPanelRunOn && !HasHead(written.substr(0, cut))) return std::nullopt;
        written = written.substr(0, cut);
        out->keep = cut;
        *address_cut |= run_on == &AddressPartRunOn;
      }
    }
  }
  // A possessive ends no name: "National Institute of Standards and Technology's" (curly
  // apostrophes are ' in the view).
  if (written.size() > 3 && (written.ends_with("'s") || written.ends_with("s'"))) {
    written.remove_suffix(written.ends_with("'s") ? 2 : 1);
    out->keep = written.size();
  }
  return written;
}

// A name starts at a word: not inside one, nor after a prefix's hyphen ("Regulatory Organization"
// of "Self-Regulatory Organization", tried again after the whole was rejected). A dash between
// words ("Act of 1993-DVD Copy Control Association", dashes are '-' in the view) is no prefix.
bool StartsInsideAWord(const RuleMatch& m, std::string_view written) {
  static const FormSet kPrefixes = WordFormSet(WordList("word_prefixes"));
  const std::string& view = m.doc().view.text();
  if (written.data() <= view.data() || written.data() > view.data() + view.size()) return false;
  const size_t at = static_cast<size_t>(written.data() - view.data());
  const char before = view[at - 1];
  if (std::isalnum(static_cast<unsigned char>(before))) return true;
  if (before != '-') return false;
  size_t i = at - 1;
  while (i > 0 && std::isalpha(static_cast<unsigned char>(view[i - 1]))) --i;
  return Contains(kPrefixes, std::string_view(view.data() + i, at - 1 - i));
}

// A section heading is no plan's name: "Use of BEA Program", "Extension of Commanders' Emergency
// Response Program", "Report of the FDA Retail Food Program", "Prior BEA Program" (the name after
// "of" is found when the match is tried again).
bool IsSectionHeading(const std::vector<std::string_view>& words) {
  static const FormSet kHeadingNouns = WordFormSet(WordList("heading_nouns"));
  if (words.size() <= 2) return false;
  return words.front() == "Prior" ||
         (Contains(kHeadingNouns, words.front()) && (words[1] == "of" || words[1] == "to" || words[1] == "for"));
}

// True when param `heads` lists the name's last word (the words a name of this rule ends in).
bool EndsInParamHead(const RuleMatch& m, const std::vector<std::string_view>& words) {
  for (const auto& h : m.rule().params["heads"]) {
    if (h.is_string() && h.get<std::string>() == words.back()) return true;
  }
  return false;
}

// Why the words found are no name of the rule's type, from their form and their surroundings.
bool IsNoName(const RuleMatch& m, std::string_view written, const std::vector<std::string_view>& words,
              bool address_cut) {
  const Json& params = m.rule().params;
  // A name cut short at an address part no longer ends in a head of param `heads`: "T.W. Alexander
  // Drive" of "Alexander Drive, Mail Code C539-04" (an "act or code" pattern) is a street.
  if (address_cut && params.is_object() && params.contains("heads") && !EndsInParamHead(m, words)) return true;
  const std::string& type = m.rule().type;
  if (type == "CENTER" && IsBuildingName(m, written, words)) return true;
  if (StartsInsideAWord(m, written)) return true;
  // A roman numeral is a label's, not a name's first word: "Title VI Laboratory", "part II of the Act".
  if (IsRomanNumeral(words.front(), words.size() > 1 ? words[1] : std::string_view())) return true;
  if (AbbreviationBeforeItsExpansion(words)) return true;
  // A plan's head before a facility's is a word of the facility's name: "Vicksburg Convention
  // Center", "Airport Hotel Convention Center".
  if (type == "PLAN" && (IsSectionHeading(words) || RunsOnIntoFacility(m, written))) return true;
  const bool body = type == "ORG" || type == "CENTER";
  // A body's name before "Act" names an act: "United States Institute of Peace Act".
  if (body && words.back() == "Act") return true;
  // A body's name that ends in its head (any word, for a rule with param `head_final`) but runs on
  // into another capitalized word is a word of a longer name or term: "Armed Forces Retirement
  // Home", "Highway Trust Fund", "Park Center Drive". Not a plan's or an act's, often followed by
  // more of a title.
  const bool ends_in_head = Contains(Heads(), words.back()) || (params.is_object() && params.value("head_final", false));
  if (body && ends_in_head && !Contains(CompanySuffixes(), words.back()) && RunsOnIntoCapitalizedWord(m, written)) {
    return true;
  }
  // A function word anywhere ("Budgetary Effects of This Act") marks a heading or a clause.
  return std::any_of(words.begin(), words.end(), [](std::string_view w) { return IsCapitalizedStopWord(w); });
}

// True when a word of the name is neither a connector, a head, a generic modifier (or one of
// param `extra_generic`) nor a function word: "National Center" names nothing.
bool HasNameWord(const RuleMatch& m, const std::vector<std::string_view>& words) {
  std::vector<std::string> extra;
  if (m.rule().params.is_object() && m.rule().params.contains("extra_generic")) {
    for (const auto& w : m.rule().params["extra_generic"]) {
      if (w.is_string()) extra.push_back(w.get<std::string>());
    }
  }
  for (std::string_view w : words) {
    if (Contains(Connectors(), w) || Contains(Heads(), w) || Contains(GenericModifiers(), w) || Contains(extra, w)) {
      continue;
    }
    if (!IsCapitalizedStopWord(w)) return true;
  }
  return false;
}

// Param `lexicon`: a name written as a form of that lexicon takes its canonical value and
// attributes, as the lexicon rule would ("FD&C Act" -> "Federal Food, Drug, and Cosmetic Act"), so
// that the pattern rule may share the lexicon rule's priority and win by length. False when the
// name is an adjective of place before a form of the lexicon ("Chinese Manufacturing Innovation
// Centers" is GPE + the gazetteer's CENTER).
bool ApplyLexiconForm(const RuleMatch& m, const std::string& name, const std::vector<std::string_view>& words,
                      NormalizedValue* out) {
  const Json& params = m.rule().params;
  if (!params.is_object() || !params.contains("lexicon") || !params["lexicon"].is_string()) return true;
  const Lexicon* lexicon = m.FindLexicon(params["lexicon"].get<std::string>());
  if (lexicon == nullptr) return true;
  if (words.size() > 1 && LooksLikeAdjectiveOfPlace(words.front())) {
    const std::string rest = name.substr(name.find(' ') + 1);
    if (const LexiconEntry* e = lexicon->Find(rest); e != nullptr && Contains(e->surfaces, rest)) return false;
  }
  if (const LexiconEntry* e = lexicon->Find(name); e != nullptr && Contains(e->surfaces, name)) {
    out->value = e->canonical;
    out->attrs = e->attrs.is_object() ? e->attrs : Json::object();
    if (name != e->canonical) out->attrs["alias"] = name;
    if (out->attrs.empty()) out->attrs = nullptr;
  }
  return true;
}

}  // namespace

bool NormalizeEntityName(const RuleMatch& m, NormalizedValue* out) {
  bool address_cut = false;
  const std::optional<std::string_view> written = WrittenName(m, out, &address_cut);
  if (!written) return false;
  const std::string name = Collapse(*written);
  const std::vector<std::string_view> words = Words(name);
  if (words.empty() || IsAddressPart(name)) return false;
  if (IsNoName(m, *written, words, address_cut) || !HasNameWord(m, words)) return false;
  out->value = name;
  return ApplyLexiconForm(m, name, words, out);
}

namespace {

// True when `after` (the text after a place) starts with a space and a street type
// (stages/places/street_types.tsv), a final period aside.
bool BeforeStreetType(std::string_view after) {
  static const FormSet kTypes = WordFormSet(WordList("street_types"));
  if (!after.starts_with(' ')) return false;
  after.remove_prefix(1);
  size_t n = 0;
  while (n < after.size() && std::isalpha(static_cast<unsigned char>(after[n]))) ++n;
  if (n == 0 || (n < after.size() && std::isalnum(static_cast<unsigned char>(after[n])))) return false;
  return kTypes.count(after.substr(0, n)) > 0;
}

}  // namespace

bool NormalizePlace(const RuleMatch& m, NormalizedValue* out) {
  const LexiconEntry* e = m.LexiconEntryOf("name");
  if (e == nullptr) return false;
  // The word before the place, within its sentence (group text points into the document's view).
  const std::string& view = m.doc().view.text();
  const std::string_view name = m.Group("name");
  const size_t start = static_cast<size_t>(name.data() - view.data());
  if (start <= view.size()) {
    // A form glued to the word after it is part of that word: "U.S." in "5 U.S.C. 553" (the United
    // States Code), not the country.
    const size_t end = start + name.size();
    if (end < view.size() && std::isalnum(static_cast<unsigned char>(view[end]))) return false;
    // A street named after a place: "1200 New Jersey Avenue SE", "10903 New Hampshire Ave.", "U.S.
    // Highway 19".
    if (BeforeStreetType(std::string_view(view).substr(std::min(end, view.size())))) return false;
    const int32_t sentence = m.doc().SentenceIndexAt(static_cast<uint32_t>(start));
    const size_t sentence_start = sentence < 0 ? 0 : m.doc().sentences[static_cast<size_t>(sentence)].start;
    size_t i = start;
    while (i > sentence_start && view[i - 1] == ' ') --i;
    size_t word_end = i;
    while (i > sentence_start && !std::isspace(static_cast<unsigned char>(view[i - 1]))) --i;
    std::string_view prev(view.data() + i, word_end - i);
    const bool sentence_initial = (i == sentence_start);
    if (word_end < start && IsCapitalized(prev) && !sentence_initial && !IsCapitalizedStopWord(prev) &&
        !Contains(PlacePrefixes(), prev) && !IsAllCapsAbbreviation(prev) && !LooksLikeAdjectiveOfPlace(prev) &&
        std::isalpha(static_cast<unsigned char>(prev.back()))) {
      return false;  // "George Washington", "Michael Jordan"
    }
  }
  out->value = e->canonical;
  out->attrs = e->attrs.is_null() ? Json::object() : e->attrs;
  std::string alias = Collapse(name);
  if (alias != e->canonical) out->attrs["alias"] = alias;
  if (out->attrs.empty()) out->attrs = nullptr;
  return true;
}

bool NormalizeCity(const RuleMatch& m, NormalizedValue* out) {
  const LexiconEntry* region = m.LexiconEntryOf("region");
  if (region == nullptr || !region->attrs.is_object()) return false;
  static const std::array<std::string_view, 5> kRegionKinds = {"us-state", "us-territory", "province", "country",
                                                               "territory"};
  if (!Contains(kRegionKinds, region->attrs.value("kind", ""))) return false;
  NormalizedValue name;
  if (!NormalizeEntityName(m, &name) || name.keep != std::string_view::npos) return false;
  out->value = name.value;
  out->attrs = Json{{"kind", "city"}, {"region", region->canonical}};
  if (region->attrs.contains("iso2")) out->attrs["iso2"] = region->attrs["iso2"];
  return true;
}

bool NormalizeTown(const RuleMatch& m, NormalizedValue* out) {
  if (m.Has("not_town")) return false;
  NormalizedValue name;
  if (!NormalizeEntityName(m, &name) || name.keep != std::string_view::npos || !name.value.is_string()) return false;
  if (HasHead(name.value.get<std::string>())) return false;  // "Springfield Water Department"
  out->value = std::move(name.value);
  out->attrs = Json{{"kind", "city"}};
  return true;
}

}  // namespace policygraph
