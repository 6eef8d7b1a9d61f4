#include "stages/acronyms/acronym_stage.h"
#include "pipeline/core/text_util.h"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>
#include <cctype>
#include <optional>

#include "pipeline/core/mention_types.h"
#include "pipeline/rules/overlap.h"
#include "pipeline/rules/word_list.h"
#include "stages/acronyms/schwartz_hearst.h"

namespace policygraph {
namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }



// What a defined short form stands for.
struct Meaning {
  std::string type;
  Json value;
  Json attrs;  // codes of the long form's entity (without its alias); null when none
};

// A definition found in the document, in view offsets.
struct Definition {
  Span short_form;
  Span long_form;
  bool short_first = false;
};

// The document's mentions with an index by start offset, so that finding the mentions that
// overlap a span costs a lookup, not a pass over every mention (a long document defines hundreds
// of abbreviations, each used hundreds of times). Removed mentions are marked and dropped by
// Finish().
class DocumentMentions {
 public:
  DocumentMentions(Document& doc, std::vector<Mention>& mentions) : doc_(doc), mentions_(mentions) {
    removed_.assign(mentions_.size(), false);
    for (size_t i = 0; i < mentions_.size(); ++i) Index(i);
  }

  // Index of an entity mention ending where the long form ends and covering at least half of
  // it, or nullopt (the first such mention in the original order).
  std::optional<size_t> EntityForLongForm(const Definition& d) const {
    const uint32_t half = (d.long_form.end - d.long_form.start) / 2;
    std::optional<size_t> found;
    for (size_t i : Near(d.long_form)) {
      const Mention& m = mentions_[i];
      if (!IsEntityType(m.type)) continue;
      const Span v = m.view_span;
      if (v.end != d.long_form.end) continue;
      const uint32_t covered_start = std::max(v.start, d.long_form.start);
      if (v.end > covered_start && v.end - covered_start >= half && (!found || i < *found)) found = i;
    }
    return found;
  }

  // Indexes of mentions overlapping view span `s`, ascending.
  std::vector<size_t> Overlapping(Span s) const {
    std::vector<size_t> out;
    for (size_t i : Near(s)) {
      const Span v = mentions_[i].view_span;
      if (v.start < s.end && s.start < v.end) out.push_back(i);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  Mention Make(Span view_span, const Meaning& meaning, std::string_view rule, bool with_alias) const {
    Mention m;
    m.type = meaning.type;
    m.view_span = view_span;
    m.span.start = doc_.view.OriginalStart(view_span.start);
    m.span.end = doc_.view.OriginalEnd(view_span.start, view_span.end);
    m.text = doc_.text.substr(m.span.start, m.span.end - m.span.start);
    m.value = meaning.value;
    m.attrs = meaning.attrs.is_object() ? meaning.attrs : Json::object();
    if (with_alias) m.attrs["alias"] = Collapse(doc_.view.text().substr(view_span.start, view_span.end - view_span.start));
    if (m.attrs.empty()) m.attrs = nullptr;
    m.rule = std::string(rule);
    m.stage = "acronyms";
    m.sentence = std::max(0, doc_.SentenceIndexAt(view_span.start));
    return m;
  }

  void Add(Mention m) {
    mentions_.push_back(std::move(m));
    removed_.push_back(false);
    Index(mentions_.size() - 1);
  }
  void Replace(size_t i, Mention m) {
    Unindex(i);
    mentions_[i] = std::move(m);
    Index(i);
  }
  void Remove(const std::vector<size_t>& indexes) {
    for (size_t i : indexes) {
      Unindex(i);
      removed_[i] = true;
    }
  }
  const Mention& at(size_t i) const { return mentions_[i]; }

  // Drops the removed mentions (the others keep their order).
  void Finish() {
    size_t kept = 0;
    for (size_t i = 0; i < mentions_.size(); ++i) {
      if (removed_[i]) continue;
      if (kept != i) mentions_[kept] = std::move(mentions_[i]);
      ++kept;
    }
    mentions_.resize(kept);
    removed_.assign(kept, false);
  }

 private:
  // The live mentions that may overlap or touch `s`: those starting in [s.start - longest, s.end].
  std::vector<size_t> Near(Span s) const {
    std::vector<size_t> out;
    const uint32_t from = s.start > longest_ ? s.start - longest_ : 0;
    for (auto it = by_start_.lower_bound(from); it != by_start_.end() && it->first <= s.end; ++it) {
      out.push_back(it->second);
    }
    return out;
  }
  void Index(size_t i) {
    const Span v = mentions_[i].view_span;
    by_start_.emplace(v.start, i);
    longest_ = std::max(longest_, v.end - v.start);
  }
  void Unindex(size_t i) {
    auto [lo, hi] = by_start_.equal_range(mentions_[i].view_span.start);
    for (auto it = lo; it != hi; ++it) {
      if (it->second == i) {
        by_start_.erase(it);
        return;
      }
    }
  }

  Document& doc_;
  std::vector<Mention>& mentions_;
  std::vector<bool> removed_;
  std::multimap<uint32_t, size_t> by_start_;  // view start -> index of a live mention
  uint32_t longest_ = 0;                       // the longest view span ever indexed
};

// The definitions of the document's sentences; stops early once `late` says the deadline passed.
std::vector<Definition> FindDefinitions(const Document& doc, DeadlineCheck& late) {
  std::vector<Definition> out;
  const std::string& view = doc.view.text();
  for (const Span& s : doc.sentences) {
    const std::string_view text(view.data() + s.start, s.end - s.start);
    if (late.After(text.size())) break;
    if (text.find('(') == std::string_view::npos) continue;
    for (const AbbreviationDefinition& d : FindAbbreviationDefinitions(text)) {
      // A possessive ends no name: "the National Institute of Standards and Technology's (NIST)"
      // (curly apostrophes are ' in the view) defines "National Institute of Standards and Technology".
      size_t long_end = d.long_end;
      const std::string_view lf = text.substr(d.long_start, d.long_end - d.long_start);
      if (lf.size() > 3 && (lf.ends_with("'s") || lf.ends_with("s'"))) long_end -= lf.ends_with("'s") ? 2 : 1;
      out.push_back({{s.start + static_cast<uint32_t>(d.short_start), s.start + static_cast<uint32_t>(d.short_end)},
                     {s.start + static_cast<uint32_t>(d.long_start), s.start + static_cast<uint32_t>(long_end)},
                     d.short_first});
    }
  }
  return out;
}

// The forms of a short form to look for: itself and its singular or plural ("MICs" <-> "MIC").
std::vector<std::string> Variants(std::string_view sf) {
  std::vector<std::string> out = {std::string(sf)};
  if (sf.size() > 2 && sf.back() == 's' && std::isupper(static_cast<unsigned char>(sf[sf.size() - 2]))) {
    out.emplace_back(sf.substr(0, sf.size() - 1));
  } else if (std::isupper(static_cast<unsigned char>(sf.back()))) {
    out.push_back(std::string(sf) + "s");
  }
  return out;
}

struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Uses of each short form (and its variants) as whole words in `view`, ascending: "MIC" inside
// "MIC-2" or "U.S.-MIC" is a use, "MICA" is not. One pass over the view for all of them: a use
// starts where a run of letters and digits starts, and that run is the form's first run.
std::map<std::string_view, std::vector<Span>> FindUses(const std::string& view,
                                                       const std::vector<std::string_view>& short_forms) {
  std::map<std::string_view, std::vector<Span>> out;
  // first run of a form -> (the form, its short form)
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::string_view>>, TransparentHash,
                     std::equal_to<>>
      by_first_run;
  for (std::string_view sf : short_forms) {
    if (out.count(sf)) continue;
    out[sf];
    for (std::string& form : Variants(sf)) {
      size_t run = 0;
      while (run < form.size() && IsAlnum(form[run])) ++run;
      if (run == 0) continue;  // a short form opens with a letter or digit (Schwartz-Hearst)
      std::string key = form.substr(0, run);
      by_first_run[std::move(key)].emplace_back(std::move(form), sf);
    }
  }
  for (size_t i = 0; i < view.size();) {
    if (!IsAlnum(view[i])) {
      ++i;
      continue;
    }
    size_t run_end = i;
    while (run_end < view.size() && IsAlnum(view[run_end])) ++run_end;
    auto it = by_first_run.find(std::string_view(view.data() + i, run_end - i));
    if (it != by_first_run.end()) {
      for (const auto& [form, sf] : it->second) {
        const size_t end = i + form.size();
        if (view.compare(i, form.size(), form) == 0 && (end == view.size() || !IsAlnum(view[end]))) {
          out[sf].push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(end)});
        }
      }
    }
    i = run_end;
  }
  for (auto& [sf, spans] : out) {
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
  }
  return out;
}

bool IsGazetteerAlias(const Mention& m) { return m.rule.ends_with(".gazetteer"); }

// Adds a mention of `meaning` at `span` unless another mention covers it; a gazetteer mention of
// exactly this span with another meaning is replaced (the document's definition wins).
void AddUse(DocumentMentions& ms, Span span, const Meaning& meaning, std::string_view rule) {
  const std::vector<size_t> overlapping = ms.Overlapping(span);
  if (overlapping.empty()) {
    ms.Add(ms.Make(span, meaning, rule, true));
    return;
  }
  if (overlapping.size() != 1) return;
  const Mention& m = ms.at(overlapping[0]);
  if (m.view_span == span && IsGazetteerAlias(m) && IsEntityType(m.type) &&
      (m.type != meaning.type || m.value != meaning.value)) {
    ms.Replace(overlapping[0], ms.Make(span, meaning, rule, true));
  }
}

// Head noun -> the type of a long form whose head it is ("Foundation" -> ORG), as written.
std::map<std::string, std::string, std::less<>> HeadTypes() {
  std::map<std::string, std::string, std::less<>> out;
  for (const LexiconEntry& e : WordList("head_nouns").entries) {
    if (!e.attrs.is_object()) continue;
    const std::string type = e.attrs.value("type", "");
    if (!type.empty()) out.emplace(e.canonical, type);
  }
  return out;
}

}  // namespace

std::string TypeFromHeadWord(std::string_view long_form) {
  const std::vector<std::string_view> words = Words(long_form);
  if (words.size() < 2) return "";
  static const FormSet kLowercaseInNames = WordFormSet(WordList("name_connectors"));
  for (std::string_view w : words) {
    const bool lower_ok = kLowercaseInNames.count(w) > 0;
    if (!lower_ok && !std::isupper(static_cast<unsigned char>(w.front())) &&
        !std::isdigit(static_cast<unsigned char>(w.front()))) {
      return "";
    }
  }
  // The head is the last word ("Energy Research Center") or, in "Ministry of Commerce", the word
  // before the first "of"/"for"/"on".
  std::string_view head = words.back();
  for (size_t i = 1; i < words.size(); ++i) {
    if (words[i] == "of" || words[i] == "for" || words[i] == "on") {
      head = words[i - 1];
      break;
    }
  }
  static const std::map<std::string, std::string, std::less<>> kHeadTypes = HeadTypes();
  auto it = kHeadTypes.find(head);
  return it == kHeadTypes.end() ? std::string() : it->second;
}

const std::string& AcronymStage::Name() const {
  static const std::string kName = "acronyms";
  return kName;
}

namespace {

// A short form with its meaning, and where its uses start, in document order.
struct Resolved {
  std::string short_form;
  Meaning meaning;
  uint32_t uses_from;
};

// What definition `d` means: the entity mention its long form is, else a type from the long form's
// head word ("Energy Research Center": ORG), the long form then becoming a mention that replaces
// entity mentions inside it ("China" in "China Academy of Machinery Science (CAMS)"). nullopt when
// it means nothing known, or when another kind of mention overlaps the long form.
std::optional<Meaning> MeaningOf(const Definition& d, const std::string& view, DocumentMentions& ms) {
  Meaning meaning;
  if (std::optional<size_t> i = ms.EntityForLongForm(d)) {
    const Mention& lf = ms.at(*i);
    meaning.type = lf.type;
    meaning.value = lf.value;
    if (lf.attrs.is_object()) {
      meaning.attrs = lf.attrs;
      meaning.attrs.erase("alias");
    }
    return meaning;
  }
  const std::string_view lf(view.data() + d.long_form.start, d.long_form.end - d.long_form.start);
  meaning.type = TypeFromHeadWord(lf);
  if (meaning.type.empty()) return std::nullopt;
  meaning.value = Collapse(lf);
  const std::vector<size_t> inside = ms.Overlapping(d.long_form);
  for (size_t k : inside) {
    const Span v = ms.at(k).view_span;
    if (!IsEntityType(ms.at(k).type) || v.start < d.long_form.start || v.end > d.long_form.end) return std::nullopt;
  }
  ms.Remove(inside);
  ms.Add(ms.Make(d.long_form, meaning, "acronyms.long_form", false));
  return meaning;
}

// True when the short form sits inside another kind of mention ("(USD)" of a MONEY).
bool InsideOtherMention(DocumentMentions& ms, Span short_form) {
  for (size_t k : ms.Overlapping(short_form)) {
    const Mention& m = ms.at(k);
    if (!IsEntityType(m.type) || m.view_span.start < short_form.start || m.view_span.end > short_form.end) return true;
  }
  return false;
}

// For each resolved short form, where the next definition of the same short form takes over (the
// end of the view if none).
std::vector<uint32_t> UsesUntil(const std::vector<Resolved>& resolved, size_t view_size) {
  std::vector<uint32_t> until_next(resolved.size(), static_cast<uint32_t>(view_size));
  std::map<std::string_view, uint32_t> next_definition;
  for (size_t r = resolved.size(); r-- > 0;) {
    auto [it, fresh] = next_definition.try_emplace(resolved[r].short_form, resolved[r].uses_from);
    if (!fresh) {
      until_next[r] = it->second;
      it->second = resolved[r].uses_from;
    }
  }
  return until_next;
}

// Later uses: each takes the meaning of the latest definition of its short form before it. False
// when the time ran out.
bool AddLaterUses(const std::vector<Resolved>& resolved, const std::string& view, DocumentMentions& ms,
                  DeadlineCheck& late) {
  std::vector<std::string_view> short_forms;
  for (const Resolved& r : resolved) short_forms.push_back(r.short_form);
  const std::map<std::string_view, std::vector<Span>> uses = FindUses(view, short_forms);
  const std::vector<uint32_t> until_next = UsesUntil(resolved, view.size());
  for (size_t r = 0; r < resolved.size(); ++r) {
    const std::vector<Span>& all = uses.at(resolved[r].short_form);
    auto first = std::lower_bound(all.begin(), all.end(), resolved[r].uses_from,
                                  [](const Span& u, uint32_t from) { return u.start < from; });
    for (auto it = first; it != all.end() && it->start < until_next[r]; ++it) {
      if (late.After(0)) return false;
      AddUse(ms, *it, resolved[r].meaning, "acronyms.alias");
    }
  }
  return true;
}

}  // namespace

Status AcronymStage::Process(Document& doc, Annotations& out) const {
  DeadlineCheck late(out);
  const std::vector<Definition> defs = FindDefinitions(doc, late);
  if (late.After(0)) return Status::ResourceExhausted("time limit reached in stage 'acronyms' (finding definitions)");
  if (defs.empty()) return Status::Ok();
  const std::string& view = doc.view.text();
  DocumentMentions ms(doc, out.mentions);
  std::vector<Resolved> resolved;
  for (const Definition& d : defs) {
    if (late.After(d.long_form.end - d.long_form.start)) {
      ms.Finish();
      return Status::ResourceExhausted("time limit reached in stage 'acronyms' (definitions)");
    }
    std::optional<Meaning> meaning = MeaningOf(d, view, ms);
    if (!meaning || InsideOtherMention(ms, d.short_form)) continue;
    AddUse(ms, d.short_form, *meaning, "acronyms.definition");
    const std::string_view sf(view.data() + d.short_form.start, d.short_form.end - d.short_form.start);
    resolved.push_back({std::string(sf), std::move(*meaning), std::max(d.short_form.end, d.long_form.end)});
  }
  if (!AddLaterUses(resolved, view, ms, late)) {
    ms.Finish();
    return Status::ResourceExhausted("time limit reached in stage 'acronyms' (uses)");
  }
  ms.Finish();
  SortMentions(out.mentions);
  return Status::Ok();
}

}  // namespace policygraph
