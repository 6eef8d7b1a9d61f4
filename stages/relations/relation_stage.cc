#include "stages/relations/relation_stage.h"
#include "pipeline/rules/prefilter.h"
#include "pipeline/text_util.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

namespace policygraph {
namespace {

// Marks an Item that is a reference phrase (an index into the sentence's references).
constexpr uint32_t kReferenceBit = 0x80000000u;
constexpr char kOpen[] = "\xE2\x9F\xA8";   // ⟨
constexpr char kClose[] = "\xE2\x9F\xA9";  // ⟩

// A reference phrase and the mention types it may stand for.
struct ReferenceKind {
  std::vector<std::string> types;
};

// The head noun of a reference phrase -> compatible mention types.
const std::map<std::string, ReferenceKind>& ReferenceNouns() {
  static const std::map<std::string, ReferenceKind> kNouns = {
      {"plan", {{"PLAN"}}},       {"plans", {{"PLAN"}}},           {"strategy", {{"PLAN"}}},
      {"initiative", {{"PLAN"}}}, {"initiatives", {{"PLAN"}}},     {"program", {{"PLAN"}}},
      {"programs", {{"PLAN"}}},   {"programme", {{"PLAN"}}},       {"act", {{"PLAN"}}},
      {"law", {{"PLAN"}}},        {"policy", {{"PLAN"}}},          {"center", {{"CENTER"}}},
      {"centers", {{"CENTER"}}},  {"centre", {{"CENTER"}}},        {"centres", {{"CENTER"}}},
      {"institute", {{"CENTER", "ORG"}}}, {"institutes", {{"CENTER", "ORG"}}},
      {"ministry", {{"ORG"}}},    {"agency", {{"ORG"}}},           {"department", {{"ORG"}}},
      {"commission", {{"ORG"}}},  {"administration", {{"ORG"}}},
  };
  return kNouns;
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

RelationStage::RelationStage(const RuleBook& book) {
  for (const CompiledRule& r : book.rules()) {
    if (r.rule.stage == "relations") rules_.push_back(&r);
  }
  std::vector<const std::string*> patterns;
  for (const CompiledRule* r : rules_) patterns.push_back(&r->rule.expanded);
  set_ = CompilePrefilterSet(patterns);
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

RelationStage::Placeholders RelationStage::Build(const Document& doc, const Annotations& ann, int32_t index,
                                                 std::vector<uint32_t> inside, const MentionsByType& by_type) const {
  const Span s = doc.sentences[index];
  const std::string& view = doc.view.text();
  // The sentence's outermost mentions, in order (a DATE nested in a longer DATE is skipped).
  std::sort(inside.begin(), inside.end(), [&](uint32_t a, uint32_t b) {
    const Span x = ann.mentions[a].view_span, y = ann.mentions[b].view_span;
    return x.start != y.start ? x.start < y.start : x.end > y.end;
  });
  struct Item {
    Span span;
    uint32_t mention;
  };
  std::vector<Item> items;
  uint32_t covered = s.start;
  for (uint32_t i : inside) {
    if (ann.mentions[i].view_span.start < covered) continue;
    items.push_back({ann.mentions[i].view_span, i});
    covered = ann.mentions[i].view_span.end;
  }
  // Reference phrases in the gaps: "the plan", "these centers", "its initiative".
  static const RE2 kReference(
      R"(\b((?i:the|this|that|these|those|its|their|such)\s+(?:(?i:new|same|national|above|first|second)\s+)?([A-Za-z]+))\b)");
  std::vector<Item> refs;
  std::vector<Mention> references;
  re2::StringPiece input(doc.SentenceText(index));
  re2::StringPiece whole, noun;
  while (RE2::FindAndConsume(&input, kReference, &whole, &noun)) {
    auto kind = ReferenceNouns().find(Lower(std::string_view(noun.data(), noun.size())));
    if (kind == ReferenceNouns().end()) continue;
    const Span phrase{static_cast<uint32_t>(whole.data() - view.data()),
                      static_cast<uint32_t>(whole.data() - view.data() + whole.size())};
    bool clash = std::any_of(items.begin(), items.end(), [&](const Item& it) {
      return it.span.start < phrase.end && phrase.start < it.span.end;
    });
    if (clash) continue;
    // The most recent earlier mention of a compatible type, in this or an earlier sentence.
    int32_t target = -1;
    for (const std::string& type : kind->second.types) {
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
    ref.internal = true;
    ref.view_span = phrase;
    ref.span = {doc.view.OriginalStart(phrase.start), doc.view.OriginalEnd(phrase.start, phrase.end)};
    ref.text = doc.text.substr(ref.span.start, ref.span.end - ref.span.start);
    ref.sentence = index;
    ref.rule = "relations.reference";
    refs.push_back({phrase, kReferenceBit | static_cast<uint32_t>(references.size())});
    references.push_back(std::move(ref));
  }
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
                              Annotations& out) const {
  const RE2& re = *cr.re;
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
  while (pos <= text.size() && re.Match(text, pos, text.size(), RE2::UNANCHORED, groups.data(), n)) {
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
      out.relations.push_back({subject, rule.relation, object, attrs, evidence, rule.id, index});
    }
  }
}

void RelationStage::AddCodeRelations(Annotations& out) const {
  std::vector<Relation> added;
  for (const Mention& m : out.mentions) {
    if (!m.attrs.is_object()) continue;
    // An end made from one of the mention's attributes.
    auto internal_end = [&](const std::string& type, const Json& value) {
      Mention x = m;
      x.type = type;
      x.value = value;
      x.attrs = Json();
      x.mod.clear();
      x.unit.clear();
      x.internal = true;
      return x;
    };
    if (m.attrs.contains("country") && m.type != "GPE") {
      auto c = country_by_iso2_.find(ValueString(m.attrs["country"]));
      if (c != country_by_iso2_.end()) {
        added.push_back({m, "LOCATED_IN", internal_end("GPE", c->second), Json(), m.span, "relations.lexicon_country",
                         m.sentence});
      }
    }
    if (m.type == "PLAN" && m.attrs.contains("period")) {
      added.push_back({m, "SPANS", internal_end("DATE", m.attrs["period"]), Json(), m.span, "relations.lexicon_period",
                       m.sentence});
    }
  }
  std::move(added.begin(), added.end(), std::back_inserter(out.relations));
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
  for (int32_t i = 0; i < static_cast<int32_t>(doc.sentences.size()); ++i) {
    if (by_sentence[i].empty()) continue;
    if (out.Expired()) return Status::ResourceExhausted("time limit reached in stage 'relations' at sentence " + std::to_string(i));
    Placeholders ph = Build(doc, out, i, std::move(by_sentence[i]), by_type);
    std::vector<int> fired;
    if (set_ != nullptr) {
      if (!set_->Match(ph.text, &fired)) continue;
      std::sort(fired.begin(), fired.end());
    } else {
      for (size_t r = 0; r < rules_.size(); ++r) fired.push_back(static_cast<int>(r));
    }
    for (int r : fired) MatchRule(*rules_[r], doc, ph, i, out);
  }
  AddCodeRelations(out);
  return Status::Ok();
}

}  // namespace policygraph
