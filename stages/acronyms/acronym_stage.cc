#include "stages/acronyms/acronym_stage.h"
#include "pipeline/text_util.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "pipeline/rules/overlap.h"
#include "stages/acronyms/schwartz_hearst.h"

namespace policygraph {
namespace {

constexpr std::array<std::string_view, 5> kEntityTypes = {"ORG", "CENTER", "PLAN", "SECTOR", "GPE"};

bool IsEntityType(std::string_view t) {
  return std::find(kEntityTypes.begin(), kEntityTypes.end(), t) != kEntityTypes.end();
}

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

struct HeadType {
  std::string_view head;
  std::string_view type;
};

constexpr std::array<HeadType, 44> kHeadTypes = {{
    {"Center", "CENTER"},        {"Centers", "CENTER"},        {"Centre", "CENTER"},
    {"Centres", "CENTER"},       {"Institute", "CENTER"},      {"Institutes", "CENTER"},
    {"Laboratory", "CENTER"},    {"Laboratories", "CENTER"},   {"Lab", "CENTER"},
    {"Labs", "CENTER"},          {"Network", "CENTER"},        {"Hub", "CENTER"},
    {"Ministry", "ORG"},         {"Department", "ORG"},        {"Agency", "ORG"},
    {"Administration", "ORG"},   {"Office", "ORG"},            {"Bureau", "ORG"},
    {"Commission", "ORG"},       {"Committee", "ORG"},         {"Council", "ORG"},
    {"Board", "ORG"},            {"Authority", "ORG"},         {"Service", "ORG"},
    {"Corporation", "ORG"},      {"Company", "ORG"},           {"University", "ORG"},
    {"Association", "ORG"},      {"Organization", "ORG"},      {"Organisation", "ORG"},
    {"Foundation", "ORG"},       {"Forces", "ORG"},            {"Bank", "ORG"},
    {"Plan", "PLAN"},            {"Program", "PLAN"},          {"Programme", "PLAN"},
    {"Act", "PLAN"},             {"Initiative", "PLAN"},       {"Strategy", "PLAN"},
    {"Partnership", "PLAN"},     {"Project", "PLAN"},          {"Scheme", "PLAN"},
    {"Agreement", "PLAN"},       {"Treaty", "PLAN"},
}};

constexpr std::array<std::string_view, 10> kLowercaseInNames = {"of", "and", "for", "the", "on",
                                                                "in", "to", "&", "de", "a"};

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

class DocumentMentions {
 public:
  DocumentMentions(Document& doc, std::vector<Mention>& mentions) : doc_(doc), mentions_(mentions) {}

  // Index of an entity mention ending where the long form ends and covering at least half of
  // it, or nullopt.
  std::optional<size_t> EntityForLongForm(const Definition& d) const {
    const uint32_t half = (d.long_form.end - d.long_form.start) / 2;
    for (size_t i = 0; i < mentions_.size(); ++i) {
      const Mention& m = mentions_[i];
      if (!IsEntityType(m.type)) continue;
      const Span v = m.view_span;
      if (v.end != d.long_form.end) continue;
      const uint32_t covered_start = std::max(v.start, d.long_form.start);
      if (v.end > covered_start && v.end - covered_start >= half) return i;
    }
    return std::nullopt;
  }

  // Indexes of mentions overlapping view span `s`.
  std::vector<size_t> Overlapping(Span s) const {
    std::vector<size_t> out;
    for (size_t i = 0; i < mentions_.size(); ++i) {
      const Span v = mentions_[i].view_span;
      if (v.start < s.end && s.start < v.end) out.push_back(i);
    }
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
    m.sentence = SentenceOf(view_span.start);
    return m;
  }

  void Add(Mention m) { mentions_.push_back(std::move(m)); }
  void Replace(size_t i, Mention m) { mentions_[i] = std::move(m); }
  void Remove(const std::vector<size_t>& indexes) {
    std::vector<size_t> sorted = indexes;
    std::sort(sorted.rbegin(), sorted.rend());
    for (size_t i : sorted) mentions_.erase(mentions_.begin() + static_cast<std::ptrdiff_t>(i));
  }
  const Mention& at(size_t i) const { return mentions_[i]; }

 private:
  int32_t SentenceOf(uint32_t view_offset) const {
    const auto& s = doc_.sentences;
    auto it = std::upper_bound(s.begin(), s.end(), view_offset, [](uint32_t v, const Span& sp) { return v < sp.start; });
    return it == s.begin() ? 0 : static_cast<int32_t>(it - s.begin() - 1);
  }

  Document& doc_;
  std::vector<Mention>& mentions_;
};

std::vector<Definition> FindDefinitions(const Document& doc) {
  std::vector<Definition> out;
  const std::string& view = doc.view.text();
  for (const Span& s : doc.sentences) {
    const std::string_view text(view.data() + s.start, s.end - s.start);
    if (text.find('(') == std::string_view::npos) continue;
    for (const AbbreviationDefinition& d : FindAbbreviationDefinitions(text)) {
      out.push_back({{s.start + static_cast<uint32_t>(d.short_start), s.start + static_cast<uint32_t>(d.short_end)},
                     {s.start + static_cast<uint32_t>(d.long_start), s.start + static_cast<uint32_t>(d.long_end)},
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

// Uses of `sf` (and its variants) as whole words in `view` from `from` on.
std::vector<Span> Uses(const std::string& view, std::string_view sf, uint32_t from) {
  std::vector<Span> out;
  for (const std::string& form : Variants(sf)) {
    size_t at = view.find(form, from);
    while (at != std::string::npos) {
      const size_t end = at + form.size();
      const bool starts = at == 0 || !IsAlnum(view[at - 1]);
      const bool ends = end == view.size() || !IsAlnum(view[end]);
      // "MIC" inside "MIC-2" or "U.S.-MIC" is still a use; "MICA" is not (checked by `ends`).
      if (starts && ends) out.push_back({static_cast<uint32_t>(at), static_cast<uint32_t>(end)});
      at = view.find(form, at + 1);
    }
  }
  std::sort(out.begin(), out.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
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

}  // namespace

std::string TypeFromHeadWord(std::string_view long_form) {
  const std::vector<std::string_view> words = Words(long_form);
  if (words.size() < 2) return "";
  for (std::string_view w : words) {
    const bool lower_ok = std::find(kLowercaseInNames.begin(), kLowercaseInNames.end(), w) != kLowercaseInNames.end();
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
  for (const HeadType& h : kHeadTypes) {
    if (h.head == head) return std::string(h.type);
  }
  return "";
}

const std::string& AcronymStage::Name() const {
  static const std::string kName = "acronyms";
  return kName;
}

Status AcronymStage::Process(Document& doc, Annotations& out) const {
  const std::vector<Definition> defs = FindDefinitions(doc);
  if (defs.empty()) return Status::Ok();
  const std::string& view = doc.view.text();
  DocumentMentions ms(doc, out.mentions);

  // (short form, meaning, where its uses start), in document order.
  struct Resolved {
    std::string short_form;
    Meaning meaning;
    uint32_t uses_from;
  };
  std::vector<Resolved> resolved;
  for (const Definition& d : defs) {
    if (out.Expired()) return Status::ResourceExhausted("time limit reached in stage 'acronyms' (definitions)");
    const std::string_view sf(view.data() + d.short_form.start, d.short_form.end - d.short_form.start);
    Meaning meaning;
    if (std::optional<size_t> i = ms.EntityForLongForm(d)) {
      const Mention& lf = ms.at(*i);
      meaning.type = lf.type;
      meaning.value = lf.value;
      if (lf.attrs.is_object()) {
        meaning.attrs = lf.attrs;
        meaning.attrs.erase("alias");
      }
    } else {
      const std::string_view lf(view.data() + d.long_form.start, d.long_form.end - d.long_form.start);
      meaning.type = TypeFromHeadWord(lf);
      if (meaning.type.empty()) continue;
      meaning.value = Collapse(lf);
      // The long form becomes a mention, replacing entity mentions inside it ("China" in "China
      // Academy of Machinery Science (CAMS)"); anything else overlapping it vetoes the definition.
      const std::vector<size_t> inside = ms.Overlapping(d.long_form);
      bool blocked = false;
      for (size_t k : inside) {
        const Span v = ms.at(k).view_span;
        blocked |= !IsEntityType(ms.at(k).type) || v.start < d.long_form.start || v.end > d.long_form.end;
      }
      if (blocked) continue;
      ms.Remove(inside);
      ms.Add(ms.Make(d.long_form, meaning, "acronyms.long_form", false));
    }
    // The short form must not sit inside another kind of mention ("(USD)" of a MONEY).
    bool inside_other = false;
    for (size_t k : ms.Overlapping(d.short_form)) {
      const Mention& m = ms.at(k);
      inside_other |= !IsEntityType(m.type) || m.view_span.start < d.short_form.start || m.view_span.end > d.short_form.end;
    }
    if (inside_other) continue;
    AddUse(ms, d.short_form, meaning, "acronyms.definition");
    resolved.push_back({std::string(sf), std::move(meaning), std::max(d.short_form.end, d.long_form.end)});
  }
  // Later uses: each takes the meaning of the latest definition of its short form before it.
  for (size_t r = 0; r < resolved.size(); ++r) {
    if (out.Expired()) return Status::ResourceExhausted("time limit reached in stage 'acronyms' (uses)");
    uint32_t until = static_cast<uint32_t>(view.size());
    for (size_t q = r + 1; q < resolved.size(); ++q) {
      if (resolved[q].short_form == resolved[r].short_form) {
        until = resolved[q].uses_from;
        break;
      }
    }
    for (const Span& use : Uses(view, resolved[r].short_form, resolved[r].uses_from)) {
      if (use.start >= until) break;
      AddUse(ms, use, resolved[r].meaning, "acronyms.alias");
    }
  }
  SortMentions(out.mentions);
  return Status::Ok();
}

}  // namespace policygraph
