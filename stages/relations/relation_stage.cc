#include "stages/relations/relation_stage.h"
#include "pipeline/core/mention_types.h"
#include "pipeline/rules/prefilter.h"
#include "pipeline/rules/word_list.h"
#include "pipeline/core/text_util.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

namespace policygraph {
namespace {

// Marks an Item that is a reference phrase (an index into the sentence's references).
constexpr uint32_t kReferenceBit = 0x80000000u;
constexpr char kOpen[] = "\xE2\x9F\xA8";   // ⟨
constexpr char kClose[] = "\xE2\x9F\xA9";  // ⟩

// The words of every entry of lexicon `name` (lower-cased) -> the entry's types ("CENTER|ORG").
std::map<std::string, std::vector<std::string>> TypedWords(const RuleBook& book, std::string_view name) {
  std::map<std::string, std::vector<std::string>> out;
  const Lexicon* lex = book.FindLexicon(name);
  if (lex == nullptr) return out;
  for (const LexiconEntry& e : lex->entries) {
    std::vector<std::string> types;
    size_t from = 0;
    while (from <= e.canonical.size()) {
      size_t bar = e.canonical.find('|', from);
      if (bar == std::string::npos) bar = e.canonical.size();
      types.push_back(e.canonical.substr(from, bar - from));
      from = bar + 1;
    }
    for (const std::string& w : e.surfaces) out[Lower(w)] = types;
  }
  return out;
}

// The lexicons of a frame whose pattern is '\b(?P<trigger>{a}|{b}...)\b' (their tries find its
// triggers, as the regex would); empty when the pattern is anything else.
std::vector<const Lexicon*> TriggerLexicons(const RuleBook& book, const std::string& pattern) {
  static const RE2 kShape(R"(\\b\(\?P<trigger>(\{\w+\}(?:\|\{\w+\})*)\)\\b)");
  static const RE2 kName(R"(\{(\w+)\})");
  std::string names;
  if (!RE2::FullMatch(pattern, kShape, &names)) return {};
  std::vector<const Lexicon*> out;
  re2::StringPiece in(names);
  std::string name;
  while (RE2::FindAndConsume(&in, kName, &name)) {
    const Lexicon* lex = book.FindLexicon(name);
    if (lex == nullptr) return {};  // a macro, not a lexicon: the regex finds it
    out.push_back(lex);
  }
  return out;
}

WordSet Words(const RuleBook& book, std::string_view name) {
  WordSet out;
  for (const auto& [w, unused] : TypedWords(book, name)) out.insert(w);
  return out;
}

// A case-insensitive alternation of `words`, longest first.
std::string Alternation(const WordSet& words) {
  std::vector<std::string> sorted(words.begin(), words.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::string alt;
  for (const std::string& w : sorted) alt += (alt.empty() ? "" : "|") + RE2::QuoteMeta(w);
  return alt.empty() ? "(?!)" : alt;
}

std::string ValueString(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

}  // namespace

// A sentence with its mentions replaced by placeholders, and the way back.
struct RelationStage::Placeholders {
  std::string text;
  struct Slot {
    uint32_t start, end;  // in `text`
    uint32_t mention;     // index into `ends`
  };
  // What each placeholder stands for: a mention of the document or one of `references`.
  std::vector<const Mention*> ends;
  std::vector<Mention> references;  // reference phrases ("the plan") as the mentions they stand for
  std::vector<Slot> slots;
  // (offset in text, offset in the view) at every slot boundary, to map spans back.
  std::vector<std::pair<uint32_t, uint32_t>> breaks;

  uint32_t ToView(uint32_t t) const {
    auto it = std::upper_bound(breaks.begin(), breaks.end(), std::make_pair(t, UINT32_MAX));
    if (it == breaks.begin()) return t;
    --it;
    // Inside a placeholder: its start (or, at its end, the mention's end) in the view.
    for (const Slot& s : slots) {
      if (t > s.start && t < s.end) return it->second;
    }
    return it->second + (t - it->first);
  }
};

const RE2::Set* RelationStage::Set() const {
  tbb::collaborative_call_once(*set_once_, [this] { set_ = CompilePrefilterSet(set_patterns_); });
  return set_.get();
}

RelationStage::RelationStage(const RuleBook& book) {
  for (const CompiledRule& r : book.rules()) {
    if (r.rule.stage != "relations") continue;
    rules_.push_back(&r);
    RelationFrame frame;
    std::string error;
    if (IsFrameRule(r.rule) && ParseFrame(r.rule, book.mention_types(), &frame, &error)) {
      // '\b(?P<trigger>...)\b': the whole match is the trigger.
      static const RE2 kWholeTrigger(R"(\\b\(\?P<trigger>.*\)\\b)");
      frame.trigger_only = RE2::FullMatch(r.rule.pattern, kWholeTrigger);
      frames_.emplace_back(std::move(frame));
      frame_lexicons_.push_back(TriggerLexicons(book, r.rule.pattern));
    } else {
      frames_.emplace_back(std::nullopt);
      frame_lexicons_.emplace_back();
    }
  }
  clause_words_.relatives = Words(book, "clause_relatives");
  clause_words_.subordinators = Words(book, "clause_subordinators");
  clause_words_.intro = Words(book, "clause_intro");
  clause_words_.interrupters = Words(book, "clause_interrupters");
  clause_words_.coordinators = Words(book, "list_coordinators");
  clause_words_.list_fillers = Words(book, "list_fillers");
  clause_words_.passive_after = Words(book, "passive_after");
  clause_words_.passive_before = Words(book, "passive_before");
  clause_words_.participles = Words(book, "irregular_participles");
  reference_nouns_ = TypedWords(book, "reference_nouns");
  reference_pronouns_ = TypedWords(book, "reference_pronouns");
  WordSet nouns, pronouns;
  for (const auto& [w, unused] : reference_nouns_) nouns.insert(w);
  for (const auto& [w, unused] : reference_pronouns_) pronouns.insert(w);
  demonyms_ = book.FindLexicon("demonym");
  places_ = book.FindLexicon("place");
  reference_re_ = std::make_unique<RE2>("\\b((?i:" + Alternation(Words(book, "reference_determiners")) +
                                        ")\\s+(?:[a-z]+\\s+)?((?i:" + Alternation(nouns) + ")))\\b|\\b((?i:" +
                                        Alternation(pronouns) + "))\\b");
  // The pattern rules and the frames found by regex are prefiltered by one RE2::Set; a frame whose
  // triggers are lexicons runs where its slot types occur (the tries find its triggers).
  for (size_t r = 0; r < rules_.size(); ++r) {
    if (frames_[r].has_value() && !frame_lexicons_[r].empty()) continue;
    set_patterns_.push_back(&rules_[r]->rule.expanded);
    set_rules_.push_back(static_cast<int>(r));
    const Json& params = rules_[r]->rule.params;
    if (params.is_object() && params.value("subject", Json()) == "DOCUMENT") document_rules_.push_back(static_cast<int>(r));
  }
  for (const Lexicon* lex : book.lexicons()) {
    for (const LexiconEntry& e : lex->entries) {
      if (e.attrs.is_object() && e.attrs.value("kind", "") == "country" && e.attrs.contains("iso2")) {
        country_by_iso2_.emplace(e.attrs["iso2"].get<std::string>(), e.canonical);
      }
    }
  }
}

const std::string& RelationStage::Name() const {
  static const std::string kName = "relations";
  return kName;
}

namespace {

bool Overlaps(const std::vector<RelationStage::Item>& items, Span span) {
  return std::any_of(items.begin(), items.end(), [&](const RelationStage::Item& it) {
    return it.span.start < span.end && span.start < it.span.end;
  });
}

// An internal end standing at `span` of sentence `index` (a reference phrase, an adjective of place).
void SetEndSpan(const Document& doc, int32_t index, Span span, Mention& end) {
  end.internal = true;
  end.view_span = span;
  end.span = {doc.view.OriginalStart(span.start), doc.view.OriginalEnd(span.start, span.end)};
  end.text = doc.text.substr(end.span.start, end.span.end - end.span.start);
  end.sentence = index;
}

// The spans of `sentence` that name a people holding an adjective of place ("American Indian";
// stages/places/peoples.tsv).
std::vector<Span> PeoplesIn(std::string_view sentence) {
  std::vector<Span> out;
  const Lexicon& peoples = WordList("peoples");
  size_t from = 0;
  while (std::optional<LexiconHit> hit = peoples.FindFirst(sentence, from)) {
    out.push_back({static_cast<uint32_t>(hit->start), static_cast<uint32_t>(hit->end)});
    from = hit->end;
  }
  return out;
}

// True when [start, end) of `sentence` is a whole word written as an adjective of place: not glued
// to a letter, digit or hyphen ("Inter-American"), not inside a people's name (`peoples`), and not
// after a capitalized word other than a function word (stages/orgs/stop_words.tsv), which makes it
// part of a name.
bool IsAdjectiveAt(std::string_view sentence, size_t start, size_t end, const std::vector<Span>& peoples) {
  auto glued = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; };
  if ((start > 0 && glued(sentence[start - 1])) || (end < sentence.size() && glued(sentence[end]))) return false;
  for (const Span& p : peoples) {
    if (p.start < end && start < p.end) return false;
  }
  static const FormSet kFunctionWords = WordFormSet(WordList("stop_words"));
  size_t word_end = start;
  while (word_end > 0 && sentence[word_end - 1] == ' ') --word_end;
  size_t word_start = word_end;
  while (word_start > 0 && !std::isspace(static_cast<unsigned char>(sentence[word_start - 1]))) --word_start;
  if (word_start == word_end || word_start == 0) return true;  // the sentence's first word
  const std::string_view prev = sentence.substr(word_start, word_end - word_start);
  return !(std::isupper(static_cast<unsigned char>(prev.front())) && std::isalpha(static_cast<unsigned char>(prev.back())) &&
           kFunctionWords.count(prev) == 0);
}

}  // namespace

void RelationStage::AddReferences(const Document& doc, const Annotations& ann, int32_t index, const std::vector<Item>& items,
                                  const MentionsByType& by_type, std::vector<Item>& refs,
                                  std::vector<Mention>& references) const {
  // Reference phrases in the gaps: "the plan", "these centers", "its initiative", "it".
  const std::string& view = doc.view.text();
  re2::StringPiece input(doc.SentenceText(index));
  re2::StringPiece phrase_words, noun, pronoun;
  while (RE2::FindAndConsume(&input, *reference_re_, &phrase_words, &noun, &pronoun)) {
    const bool is_pronoun = phrase_words.data() == nullptr;
    const re2::StringPiece whole = is_pronoun ? pronoun : phrase_words;
    const re2::StringPiece word = is_pronoun ? pronoun : noun;
    const std::vector<std::string>* kinds = ReferenceTypes(std::string_view(word.data(), word.size()), is_pronoun);
    if (kinds == nullptr) continue;
    const Span phrase{static_cast<uint32_t>(whole.data() - view.data()),
                      static_cast<uint32_t>(whole.data() - view.data() + whole.size())};
    if (Overlaps(items, phrase)) continue;
    // The most recent earlier mention of a compatible type, in this or an earlier sentence.
    int32_t target = -1;
    for (const std::string& type : *kinds) {
      auto list = by_type.find(type);
      if (list == by_type.end()) continue;
      // Mentions of `type` ordered by start; the last one ending before the phrase.
      auto it = std::partition_point(list->second.begin(), list->second.end(),
                                     [&](uint32_t m) { return ann.mentions[m].view_span.end <= phrase.start; });
      if (it == list->second.begin()) continue;
      uint32_t candidate = *std::prev(it);
      if (target < 0 || ann.mentions[candidate].view_span.start > ann.mentions[target].view_span.start) {
        target = static_cast<int32_t>(candidate);
      }
    }
    if (target < 0) continue;
    // The reference becomes an internal mention of the target's entity at the phrase's span.
    Mention ref = ann.mentions[target];
    SetEndSpan(doc, index, phrase, ref);
    ref.rule = "relations.reference";
    refs.push_back({phrase, kReferenceBit | static_cast<uint32_t>(references.size())});
    references.push_back(std::move(ref));
  }
}

void RelationStage::AddDemonyms(const Document& doc, int32_t index, const std::vector<Item>& items, std::vector<Item>& refs,
                                std::vector<Mention>& references) const {
  if (demonyms_ == nullptr || places_ == nullptr) return;
  const std::string_view sentence = doc.SentenceText(index);
  const uint32_t base = static_cast<uint32_t>(sentence.data() - doc.view.text().data());
  std::optional<std::vector<Span>> peoples;
  size_t from = 0;
  while (std::optional<LexiconHit> hit = demonyms_->FindFirst(sentence, from)) {
    from = hit->end;
    if (!peoples) peoples = PeoplesIn(sentence);
    if (!IsAdjectiveAt(sentence, hit->start, hit->end, *peoples)) continue;
    const Span span{base + static_cast<uint32_t>(hit->start), base + static_cast<uint32_t>(hit->end)};
    if (Overlaps(items, span) || Overlaps(refs, span)) continue;
    const LexiconEntry* place = places_->Find(hit->entry->attrs.value("country", ""));
    if (place == nullptr) continue;
    // An internal end of the place, as the gazetteer would give it ("Chinese" -> China).
    Mention end;
    end.type = "GPE";
    end.value = place->canonical;
    end.attrs = place->attrs.is_object() ? place->attrs : Json::object();
    end.attrs["alias"] = std::string(sentence.substr(hit->start, hit->end - hit->start));
    end.stage = "relations";
    end.rule = "relations.demonym";
    SetEndSpan(doc, index, span, end);
    refs.push_back({span, kReferenceBit | static_cast<uint32_t>(references.size())});
    references.push_back(std::move(end));
  }
}

RelationStage::Placeholders RelationStage::Build(const Document& doc, const Annotations& ann, int32_t index,
                                                 std::vector<uint32_t> inside, const MentionsByType& by_type) const {
  const Span s = doc.sentences[index];
  const std::string& view = doc.view.text();
  // The sentence's outermost mentions, in order (a DATE nested in a longer DATE is skipped).
  std::sort(inside.begin(), inside.end(), [&](uint32_t a, uint32_t b) {
    const Span x = ann.mentions[a].view_span, y = ann.mentions[b].view_span;
    return x.start != y.start ? x.start < y.start : x.end > y.end;
  });
  std::vector<Item> items;
  uint32_t covered = s.start;
  for (uint32_t i : inside) {
    if (ann.mentions[i].view_span.start < covered) continue;
    items.push_back({ann.mentions[i].view_span, i});
    covered = ann.mentions[i].view_span.end;
  }
  // Reference phrases and adjectives of places in the gaps.
  std::vector<Item> refs;
  std::vector<Mention> references;
  AddReferences(doc, ann, index, items, by_type, refs, references);
  AddDemonyms(doc, index, items, refs, references);
  items.insert(items.end(), refs.begin(), refs.end());
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.span.start < b.span.start; });

  Placeholders ph;
  ph.references = std::move(references);  // complete: `ends` may point into it from here on
  uint32_t pos = s.start;
  for (const Item& it : items) {
    ph.text.append(view, pos, it.span.start - pos);
    Placeholders::Slot slot;
    slot.start = static_cast<uint32_t>(ph.text.size());
    ph.breaks.emplace_back(slot.start, it.span.start);
    const Mention& end =
        (it.mention & kReferenceBit) ? ph.references[it.mention & ~kReferenceBit] : ann.mentions[it.mention];
    ph.text += kOpen + end.type + kClose;
    slot.end = static_cast<uint32_t>(ph.text.size());
    slot.mention = static_cast<uint32_t>(ph.ends.size());
    ph.ends.push_back(&end);
    ph.slots.push_back(slot);
    ph.breaks.emplace_back(slot.end, it.span.end);
    pos = it.span.end;
  }
  ph.text.append(view, pos, s.end - pos);
  if (ph.breaks.empty() || ph.breaks.front().first != 0) ph.breaks.insert(ph.breaks.begin(), {0, s.start});
  return ph;
}

RelationStage::MentionsByType RelationStage::IndexByType(const Annotations& ann) {
  MentionsByType by_type;
  for (uint32_t i = 0; i < ann.mentions.size(); ++i) {
    by_type[ann.mentions[i].type].push_back(i);
  }
  for (auto& [type, list] : by_type) {
    std::sort(list.begin(), list.end(), [&](uint32_t a, uint32_t b) {
      return ann.mentions[a].view_span.end < ann.mentions[b].view_span.end;
    });
  }
  return by_type;
}

std::string RelationStage::PlaceholderText(const Document& doc, const Annotations& ann, int32_t index) const {
  std::vector<uint32_t> inside;
  for (uint32_t i = 0; i < ann.mentions.size(); ++i) {
    if (ann.mentions[i].sentence == index) inside.push_back(i);
  }
  return Build(doc, ann, index, std::move(inside), IndexByType(ann)).text;
}

void RelationStage::MatchRule(const CompiledRule& cr, const Document& doc, const Placeholders& ph, int32_t index,
                              Annotations& out, DeadlineCheck& late) const {
  const RE2& re = cr.re();
  const Rule& rule = cr.rule;
  const int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> groups(n);
  const std::string& text = ph.text;
  const bool document_subject = rule.params.is_object() && rule.params.value("subject", "") == "DOCUMENT";
  auto slots_in = [&](const re2::StringPiece& g) {
    std::vector<const Placeholders::Slot*> found;
    if (g.data() == nullptr) return found;
    uint32_t a = static_cast<uint32_t>(g.data() - text.data()), b = a + static_cast<uint32_t>(g.size());
    for (const auto& slot : ph.slots) {
      if (slot.start >= a && slot.end <= b) found.push_back(&slot);
    }
    return found;
  };
  size_t pos = 0;
  while (pos <= text.size() && !late.After(text.size() - pos) && FindNext(cr, text, pos, groups.data(), n)) {
    const re2::StringPiece whole = groups[0];
    size_t next = static_cast<size_t>(whole.data() - text.data()) + whole.size();
    pos = whole.empty() ? next + 1 : next;
    Mention subject;
    if (document_subject) {
      subject.type = "DOCUMENT";
      subject.value = doc.id;
      subject.text = doc.id;
      subject.internal = true;
      subject.rule = rule.id;
      subject.sentence = index;
    } else {
      auto it = re.NamedCapturingGroups().find("subject");
      auto s = slots_in(groups[it->second]);
      if (s.empty()) continue;
      subject = *ph.ends[s.front()->mention];
    }
    Json attrs = rule.attrs.is_object() ? rule.attrs : Json();
    std::vector<const Placeholders::Slot*> objects;
    for (const auto& [name, gi] : re.NamedCapturingGroups()) {
      if (name == "subject" || groups[gi].data() == nullptr) continue;
      auto s = slots_in(groups[gi]);
      if (name.starts_with("object")) {  // object, object2, ...: every placeholder is an object
        objects.insert(objects.end(), s.begin(), s.end());
      } else if (!s.empty()) {
        if (!attrs.is_object()) attrs = Json::object();
        attrs[name] = ValueString(ph.ends[s.front()->mention]->value);
      } else if (!groups[gi].empty()) {  // a flag: the words were there ("the first ...")
        if (!attrs.is_object()) attrs = Json::object();
        attrs[name] = true;
      }
    }
    const uint32_t vs = ph.ToView(static_cast<uint32_t>(whole.data() - text.data()));
    const uint32_t ve = ph.ToView(static_cast<uint32_t>(whole.data() - text.data() + whole.size()));
    Span evidence{doc.view.OriginalStart(vs), doc.view.OriginalEnd(vs, ve)};
    for (const auto* o : objects) {
      const Mention& object = *ph.ends[o->mention];
      if (object.view_span == subject.view_span && object.type == subject.type) continue;
      out.relations.push_back({subject, rule.relation, object, attrs, evidence, rule.id, index, ""});
    }
  }
}

const std::vector<LexiconHit>& RelationStage::TriggerHits::Of(const Lexicon* lex, std::string_view text) {
  auto it = by_lexicon.find(lex);
  if (it != by_lexicon.end()) return it->second;
  if (!have_starts) {
    FormStarts(text, starts);
    have_starts = true;
  }
  std::vector<LexiconHit>& list = by_lexicon[lex];
  size_t k = 0;
  while (k < starts.size()) {
    std::optional<LexiconHit> hit = lex->FindFirst(text, std::span<const uint32_t>(starts).subspan(k));
    if (!hit) break;
    list.push_back(*hit);
    while (k < starts.size() && starts[k] < hit->end) ++k;  // the next hit starts after this one
  }
  return list;
}

const std::vector<std::string>* RelationStage::ReferenceTypes(std::string_view word, bool pronoun) const {
  const auto& table = pronoun ? reference_pronouns_ : reference_nouns_;
  auto it = table.find(Lower(word));
  return it == table.end() ? nullptr : &it->second;
}

std::unique_ptr<ClauseReader> RelationStage::Reader(const Placeholders& ph) const {
  std::vector<ClauseSlot> slots;
  for (const auto& slot : ph.slots) {
    const Mention& m = *ph.ends[slot.mention];
    bool region = false;
    if (!slots.empty() && m.type == "GPE" && *slots.back().type == "GPE") {
      const Mention& town = *ph.ends[ph.slots[slots.size() - 1].mention];
      const std::string_view gap = std::string_view(ph.text).substr(slots.back().end, slot.start - slots.back().end);
      region = town.attrs.is_object() && town.attrs.value("kind", "") == "city" &&
               gap.find_first_not_of(", ") == std::string_view::npos && gap.find(',') != std::string_view::npos &&
               !(m.attrs.is_object() && m.attrs.value("kind", "") == "city");
    }
    slots.push_back({slot.start, slot.end, &m.type, region, IsValueType(m.type)});
  }
  return std::make_unique<ClauseReader>(ph.text, std::move(slots), clause_words_);
}

void RelationStage::MatchFrame(const CompiledRule& cr, const RelationFrame& frame,
                               const std::vector<const Lexicon*>& trigger_lexicons, const Document& doc,
                               const Placeholders& ph, int32_t index, std::unique_ptr<ClauseReader>& reader_cache,
                               TriggerHits& hits, Annotations& out, DeadlineCheck& late) const {
  const RE2& re = cr.re();
  const Rule& rule = cr.rule;
  // A pattern that is its trigger needs no submatches: the DFA alone finds it, at a fraction of
  // the cost of extracting groups.
  const int n = frame.trigger_only && re.NumberOfCapturingGroups() == 1 ? 1 : re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> groups(n);
  const std::string& text = ph.text;
  // The trigger is the first group named trigger, trigger2, ... that matched; else the match.
  std::vector<int> trigger_groups;
  for (const auto& [name, index] : re.NamedCapturingGroups()) {
    if (name.starts_with("trigger") && index < n) trigger_groups.push_back(index);
  }
  // The next match from `pos`: by the trigger lexicons' tries when the frame has them.
  auto next_match = [&](size_t from) {
    if (trigger_lexicons.empty()) return FindNext(cr, text, from, groups.data(), n);
    const LexiconHit* best = nullptr;
    for (const Lexicon* lex : trigger_lexicons) {
      const std::vector<LexiconHit>& list = hits.Of(lex, text);
      auto it = std::lower_bound(list.begin(), list.end(), from,
                                 [](const LexiconHit& h, size_t pos) { return h.start < pos; });
      if (it != list.end() && (best == nullptr || it->start < best->start)) best = &*it;
    }
    if (best == nullptr) return false;
    groups[0] = re2::StringPiece(text.data() + best->start, best->end - best->start);
    return true;
  };
  size_t pos = 0;
  // A trigger's arguments are looked for among the sentence's slots: a step's work grows with them.
  while (pos <= text.size() && !late.After(ph.slots.size()) && next_match(pos)) {
    const re2::StringPiece whole = groups[0];
    const size_t next = static_cast<size_t>(whole.data() - text.data()) + whole.size();
    pos = whole.empty() ? next + 1 : next;
    re2::StringPiece trigger = whole;
    for (int g : trigger_groups) {
      if (groups[g].data() != nullptr) {
        trigger = groups[g];
        break;
      }
    }
    const uint32_t ts = static_cast<uint32_t>(trigger.data() - text.data());
    const uint32_t te = ts + static_cast<uint32_t>(trigger.size());
    if (reader_cache == nullptr) reader_cache = Reader(ph);
    const ClauseReader& reader = *reader_cache;
    // An active frame (its subject the clause's) does not read a passive or participle trigger.
    if (frame.subject.at == SlotPlace::kHead && reader.Passive(ts, te)) continue;
    const std::vector<int> subjects = reader.Find(frame.subject, ts, te, false);
    if (subjects.empty()) continue;
    const std::vector<int> objects = reader.Find(frame.object, ts, te, true);
    if (objects.empty()) continue;
    AddFrameRelations(rule, frame, reader, doc, ph, index, Span{ts, te}, std::string(trigger.data(), trigger.size()),
                      subjects, objects, out);
  }
}

void RelationStage::AddFrameRelations(const Rule& rule, const RelationFrame& frame, const ClauseReader& reader,
                                      const Document& doc, const Placeholders& ph, int32_t index, Span trigger,
                                      const std::string& trigger_text, const std::vector<int>& subjects,
                                      const std::vector<int>& objects, Annotations& out) const {
  Json attrs = rule.attrs.is_object() ? rule.attrs : Json();
  for (const auto& [name, slot] : frame.attrs) {
    const std::vector<int> found = reader.Find(slot, trigger.start, trigger.end, false);
    if (found.empty()) continue;
    if (!attrs.is_object()) attrs = Json::object();
    attrs[name] = ValueString(ph.ends[ph.slots[found.front()].mention]->value);
  }
  auto end_of = [&](int slot) -> const Mention& { return *ph.ends[ph.slots[slot].mention]; };
  // The evidence: from the first to the last of the trigger and the arguments.
  uint32_t a = trigger.start, b = trigger.end;
  for (const std::vector<int>* list : {&subjects, &objects}) {
    for (int k : *list) {
      a = std::min(a, reader.slot(k).start);
      b = std::max(b, reader.slot(k).end);
    }
  }
  const uint32_t va = ph.ToView(a), vb = ph.ToView(b);
  const Span evidence{doc.view.OriginalStart(va), doc.view.OriginalEnd(va, vb)};
  auto same = [](const Mention& x, const Mention& y) {
    return x.type == y.type && (x.view_span == y.view_span || (!x.value.is_null() && x.value == y.value));
  };
  // A list on both sides does not say which goes with which ("A, B and C invest in X, Y and Z"):
  // no edge, only the partners.
  const bool ambiguous = subjects.size() > 1 && objects.size() > 1;
  for (int si : ambiguous ? std::vector<int>{} : subjects) {
    for (int oi : objects) {
      const Mention& subject = end_of(si);
      const Mention& object = end_of(oi);
      if (same(subject, object)) continue;
      out.relations.push_back({subject, rule.relation, object, attrs, evidence, rule.id, index, trigger_text});
    }
  }
  if (frame.pairs.empty()) return;
  for (size_t i = 0; i < subjects.size(); ++i) {
    for (size_t j = i + 1; j < subjects.size(); ++j) {
      const Mention& x = end_of(subjects[i]);
      const Mention& y = end_of(subjects[j]);
      if (same(x, y)) continue;
      out.relations.push_back({x, frame.pairs, y, Json(), evidence, rule.id, index, trigger_text});
    }
  }
}

// Keeps the first of relations that join the same two ends with the same label in one sentence
// (a frame and a pattern rule, or two triggers, may state one fact), among those from position
// `from` on, which start a sentence. `relations` come sentence by sentence, a few per sentence:
// each is compared with those kept from its sentence.
static void DropRepeatedRelations(std::deque<Relation>& relations, size_t from) {
  auto same_fact = [](const Relation& a, const Relation& b) {
    return a.label == b.label && a.subject.view_span == b.subject.view_span && a.subject.type == b.subject.type &&
           a.object.view_span == b.object.view_span && a.object.type == b.object.type && a.object.value == b.object.value;
  };
  // In place: the kept relations are compacted to the front, [from, kept), so no second copy of
  // them (each holds two mentions) is ever alive.
  size_t kept = from;
  size_t sentence_start = from;  // first kept relation of the current sentence
  for (size_t i = from; i < relations.size(); ++i) {
    Relation& r = relations[i];
    if (kept == from || relations[kept - 1].sentence != r.sentence) sentence_start = kept;
    const auto kept_end = relations.begin() + static_cast<std::ptrdiff_t>(kept);
    auto first = std::find_if(relations.begin() + static_cast<std::ptrdiff_t>(sentence_start), kept_end,
                              [&](const Relation& k) { return same_fact(k, r); });
    if (first == kept_end) {
      if (kept != i) relations[kept] = std::move(r);
      ++kept;
      continue;
    }
    // The same fact again: keep the attributes either statement gave.
    if (r.attrs.is_object()) {
      if (!first->attrs.is_object()) first->attrs = Json::object();
      for (const auto& [k, v] : r.attrs.items()) {
        if (!first->attrs.contains(k)) first->attrs[k] = v;
      }
    }
  }
  relations.erase(relations.begin() + static_cast<std::ptrdiff_t>(kept), relations.end());
}

namespace {

// The places of a document with a country, in text order: where each starts and its country's
// ISO 3166-1 code ("US" for Ohio, US-OH).
struct PlacedCountry {
  uint32_t start;
  int32_t sentence;
  std::string code;
};
std::vector<PlacedCountry> PlacedCountries(const std::vector<Mention>& mentions) {
  std::vector<PlacedCountry> out;
  for (const Mention& m : mentions) {
    if (m.type != "GPE" || !m.attrs.is_object() || !m.attrs.contains("iso2")) continue;
    const std::string code = ValueString(m.attrs["iso2"]);
    out.push_back({m.view_span.start, m.sentence, code.substr(0, code.find('-'))});
  }
  std::sort(out.begin(), out.end(), [](const PlacedCountry& a, const PlacedCountry& b) { return a.start < b.start; });
  return out;
}

// True when the sentence of `m` names country `code`, or else the text around it (3,000 bytes
// before, 500 after) names that country at least as often as any other, or names none: where a
// descriptive name ("Manufacturing Innovation Centers", "Ministry of Commerce") may be that
// country's body.
bool AboutCountry(const std::vector<PlacedCountry>& places, const Mention& m, const std::string& code) {
  const uint32_t from = m.view_span.start > 3000 ? m.view_span.start - 3000 : 0, to = m.view_span.end + 500;
  auto it = std::lower_bound(places.begin(), places.end(), from,
                             [](const PlacedCountry& p, uint32_t at) { return p.start < at; });
  std::map<std::string_view, int> count;
  for (; it != places.end() && it->start < to; ++it) {
    if (it->sentence == m.sentence && it->code == code) return true;
    ++count[it->code];
  }
  const int own = count.count(code) ? count.at(code) : 0;
  return std::all_of(count.begin(), count.end(), [&](const auto& c) { return c.second <= own; });
}

}  // namespace

void RelationStage::AddCodeRelations(Annotations& out) const {
  // The relations one mention's codes give: LOCATED_IN its country, SPANS its plan period. The
  // country of a lexicon row marked `generic` (a name other countries use too) holds only where
  // the text around the mention is about that country.
  std::optional<std::vector<PlacedCountry>> places;
  for (const Mention& m : out.mentions) {
    if (!m.attrs.is_object()) continue;
    // An end made from one of the mention's attributes.
    auto internal_end = [&](const std::string& type, const Json& value) {
      Mention x;
      x.type = type;
      x.span = m.span;
      x.view_span = m.view_span;
      x.text = m.text;
      x.value = value;
      x.rule = m.rule;
      x.stage = m.stage;
      x.priority = m.priority;
      x.sentence = m.sentence;
      x.internal = true;
      return x;
    };
    if (m.attrs.contains("country") && m.type != "GPE") {
      const std::string code = ValueString(m.attrs["country"]);
      auto c = country_by_iso2_.find(code);
      const bool generic = m.attrs.value("generic", "") == "yes";
      if (generic && !places) places = PlacedCountries(out.mentions);
      if (c != country_by_iso2_.end() && (!generic || AboutCountry(*places, m, code))) {
        out.relations.push_back({m, "LOCATED_IN", internal_end("GPE", c->second), Json(), m.span, "relations.lexicon_country",
                         m.sentence});
      }
    }
    if (m.type == "PLAN" && m.attrs.contains("period")) {
      out.relations.push_back({m, "SPANS", internal_end("DATE", m.attrs["period"]), Json(), m.span, "relations.lexicon_period",
                       m.sentence});
    }
  }
}

Status RelationStage::Process(Document& doc, Annotations& out) const {
  std::vector<std::vector<uint32_t>> by_sentence(doc.sentences.size());
  for (uint32_t i = 0; i < out.mentions.size(); ++i) {
    const Mention& m = out.mentions[i];
    if (m.sentence >= 0 && static_cast<size_t>(m.sentence) < by_sentence.size()) {
      by_sentence[m.sentence].push_back(i);
    }
  }
  const MentionsByType by_type = IndexByType(out);
  DeadlineCheck late(out);
  auto timed_out = [](int32_t i) {
    return Status::ResourceExhausted("time limit reached in stage 'relations' at sentence " + std::to_string(i));
  };
  // Repeated relations are dropped sentence by sentence, as they come: they never pile up.
  size_t sentence_relations = 0;  // the first relation of the sentences not yet checked for repeats
  for (int32_t i = 0; i < static_cast<int32_t>(doc.sentences.size()); ++i) {
    if (by_sentence[i].empty()) continue;
    DropRepeatedRelations(out.relations, sentence_relations);
    sentence_relations = out.relations.size();
    if (late.After(doc.sentences[i].end - doc.sentences[i].start)) return timed_out(i);
    Placeholders ph = Build(doc, out, i, std::move(by_sentence[i]), by_type);
    if (ph.slots.size() < 2) {  // one end only: just the rules whose subject is the document
      for (int r : document_rules_) MatchRule(*rules_[r], doc, ph, i, out, late);
      if (late.After(0)) return timed_out(i);
      continue;
    }
    // The types this sentence has: a frame runs only where its subject and object could be.
    std::vector<const std::string*> present;
    for (const Mention* m : ph.ends) {
      if (std::none_of(present.begin(), present.end(), [&](const std::string* t) { return *t == m->type; })) {
        present.push_back(&m->type);
      }
    }
    auto any_present = [&](const FrameSlot& slot) {
      return std::any_of(present.begin(), present.end(), [&](const std::string* t) { return slot.Accepts(*t); });
    };
    std::vector<int> fired;
    const RE2::Set* set = Set();
    if (set != nullptr && set->Match(ph.text, &fired)) {
      for (int& f : fired) f = set_rules_[f];
    } else if (set == nullptr) {
      fired = set_rules_;
    }
    // Frames run where their subject and object types occur (regex frames: and the set fired).
    auto types_present = [&](int r) { return any_present(frames_[r]->subject) && any_present(frames_[r]->object); };
    std::erase_if(fired, [&](int r) { return frames_[r].has_value() && !types_present(r); });
    for (size_t r = 0; r < rules_.size(); ++r) {
      if (frames_[r].has_value() && !frame_lexicons_[r].empty() && types_present(static_cast<int>(r))) {
        fired.push_back(static_cast<int>(r));
      }
    }
    std::sort(fired.begin(), fired.end());
    std::unique_ptr<ClauseReader> reader;  // built at the first trigger found
    TriggerHits hits;                      // each trigger lexicon's hits, found once per sentence
    for (int r : fired) {
      if (frames_[r].has_value()) {
        MatchFrame(*rules_[r], *frames_[r], frame_lexicons_[r], doc, ph, i, reader, hits, out, late);
      } else {
        MatchRule(*rules_[r], doc, ph, i, out, late);
      }
      if (late.After(0)) return timed_out(i);
    }
  }
  DropRepeatedRelations(out.relations, sentence_relations);
  AddCodeRelations(out);
  return Status::Ok();
}

}  // namespace policygraph
