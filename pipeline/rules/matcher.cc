#include "pipeline/rules/matcher.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <map>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "pipeline/rules/atom_filter.h"
#include "pipeline/rules/normalizer.h"
#include "pipeline/rules/overlap.h"
#include "pipeline/rules/prefilter.h"

namespace policygraph {

RuleMatcher::RuleMatcher(std::vector<const CompiledRule*> rules, std::vector<const Lexicon*> lexicons)
    : rules_(std::move(rules)),
      lexicons_(std::move(lexicons)),
      mentionless_(std::make_unique<std::atomic<uint32_t>[]>(rules_.size())) {
  std::vector<std::string> stages;                // in order of first rule
  std::map<std::string, std::vector<size_t>> by_stage;
  for (size_t i = 0; i < rules_.size(); ++i) {
    const CompiledRule* r = rules_[i];
    if (r->lexicon != nullptr) {
      lexicon_rules_.push_back(i);
    } else {
      if (!by_stage.count(r->rule.stage)) stages.push_back(r->rule.stage);
      by_stage[r->rule.stage].push_back(i);
    }
  }
  for (const CompiledRule* r : rules_) normalizers_.push_back(FindNormalizer(r->rule.normalizer));
  // One RE2::Set per stage (for its rules without atoms, CompileSets): a single set over every
  // stage's rules is one DFA whose states multiply (measured: numeric and entity rules fused ran
  // 1.6x slower than in two sets). A set only picks the rules to run, so its patterns count no
  // repetitions (OpenRepetitions: fewer DFA states).
  sets_.resize(stages.size());
  for (size_t k = 0; k < stages.size(); ++k) sets_[k].rules = by_stage[stages[k]];
}

void RuleMatcher::CompileSets() const {
  tbb::collaborative_call_once(*sets_once_, [this] {
    // One walk per form start for all lexicon rules; a lexicon two rules share is in the set once.
    std::vector<const Lexicon*> distinct;
    for (size_t r : lexicon_rules_) {
      const Lexicon* lex = rules_[r]->lexicon;
      auto it = std::find(distinct.begin(), distinct.end(), lex);
      lexicon_slot_.push_back(static_cast<int>(it - distinct.begin()));
      if (it == distinct.end()) distinct.push_back(lex);
    }
    if (!distinct.empty()) lexicon_set_ = std::make_unique<LexiconSet>(distinct);
    for (int& slot : lexicon_slot_) {
      if (!lexicon_set_->Accepts(static_cast<size_t>(slot))) slot = -1;
    }
    // The atoms pick most rules; the sets only scan for the rules without atoms, so their
    // automata stay small and each sees every sentence.
    std::vector<const std::string*> patterns;
    for (const SetGroup& g : sets_) {
      for (size_t r : g.rules) {
        atom_rules_.push_back(r);
        const Rule& rule = rules_[r]->rule;
        patterns.push_back(rule.filter_pattern.empty() ? &rule.expanded : &rule.filter_pattern);
      }
    }
    atoms_ = std::make_unique<AtomFilter>(patterns);
    filter_re_.assign(rules_.size(), FilterRe{});
    for (size_t k = 0; k < atom_rules_.size(); ++k) {
      const size_t r = atom_rules_[k];
      const RE2* re = atoms_->Compiled(k);
      if (re != nullptr && rules_[r]->pattern->pattern() == *patterns[k]) filter_re_[r] = {re, MentionGroup(*re)};
    }
    size_t k = 0;  // atom filter index, in the order the rules were added above
    for (SetGroup& g : sets_) {
      for (size_t r : g.rules) {
        if (!atoms_->Filtered(k++)) g.set_rules.push_back(r);
      }
    }
    tbb::parallel_for(size_t{0}, sets_.size(), [&](size_t k) {
      std::vector<const std::string*> unfiltered;
      for (size_t i : sets_[k].set_rules) unfiltered.push_back(&rules_[i]->rule.expanded);
      if (!unfiltered.empty()) sets_[k].set = CompilePrefilterSet(unfiltered);
    });
  });
}

namespace {

// A document of at least kParallelBytes is matched in chunks of about kChunkBytes of sentences,
// in parallel, so that one huge document does not hold one thread while the others idle. Smaller
// documents are matched whole: each set's automaton then stays in cache through the whole document
// (64 KB chunks measured 15% slower), and in a batch the pipeline keeps every thread busy anyway.
constexpr size_t kParallelBytes = 4 << 20;
constexpr size_t kChunkBytes = 1 << 20;

// Consecutive sentence ranges [first, last) covering all sentences: the whole document, or chunks
// of about kChunkBytes.
std::vector<std::pair<int32_t, int32_t>> Chunks(const Document& doc) {
  std::vector<std::pair<int32_t, int32_t>> chunks;
  const int32_t n = static_cast<int32_t>(doc.sentences.size());
  if (doc.view.text().size() < kParallelBytes) return {{0, n}};
  int32_t first = 0;
  for (int32_t i = 0; i < n; ++i) {
    const size_t bytes = doc.sentences[static_cast<size_t>(i)].end - doc.sentences[static_cast<size_t>(first)].start;
    if (bytes >= kChunkBytes || i + 1 == n) {
      chunks.emplace_back(first, i + 1);
      first = i + 1;
    }
  }
  return chunks;
}

}  // namespace

bool RuleMatcher::MatchDocument(const Document& doc, std::vector<Mention>& out, const std::function<bool()>& expired,
                                const ChunkFilter& each_chunk) const {
  CompileSets();
  const std::vector<std::pair<int32_t, int32_t>> chunks = Chunks(doc);
  std::vector<std::vector<Mention>> by_chunk(chunks.size());
  std::atomic<bool> late{false};
  auto match_chunk = [&](size_t c) {
    if (late) return;
    std::vector<Mention>& found = by_chunk[c];
    DeadlineCheck check(expired);
    const Piece piece{&doc, chunks[c].first, chunks[c].second, &found};
    if (!MatchPieces({&piece, 1}, check) || (each_chunk && !each_chunk(found))) {
      late = true;
      return;
    }
    if (chunks.size() > 1) found.shrink_to_fit();  // the chunks are copied into one vector below
  };
  // Isolated: while it waits for its chunks, this thread takes no other document (which would hold
  // this one, and the in-order writer behind it).
  tbb::this_task_arena::isolate([&] { tbb::parallel_for(size_t{0}, chunks.size(), match_chunk); });
  if (late) return false;
  if (out.empty() && by_chunk.size() == 1) {
    out = std::move(by_chunk[0]);
    return true;
  }
  size_t total = out.size();
  for (const std::vector<Mention>& found : by_chunk) total += found.size();
  out.reserve(total);  // mentions are large: growing the vector step by step cost more than matching
  for (std::vector<Mention>& found : by_chunk) {
    std::move(found.begin(), found.end(), std::back_inserter(out));
    std::vector<Mention>().swap(found);
  }
  return true;
}

bool RuleMatcher::MatchDocuments(std::span<const Document* const> docs, std::span<std::vector<Mention>> outs,
                                 const std::function<bool()>& expired) const {
  CompileSets();
  std::vector<Piece> pieces;
  pieces.reserve(docs.size());
  for (size_t k = 0; k < docs.size(); ++k) {
    pieces.push_back({docs[k], 0, static_cast<int32_t>(docs[k]->sentences.size()), &outs[k]});
  }
  DeadlineCheck late(expired);
  return MatchPieces(pieces, late);
}

namespace {

// The positions of `found`, the mentions of the sentences [first, last), sentence by sentence and
// within a sentence in the order found (a counting sort).
std::vector<uint32_t> BySentence(const std::vector<Mention>& found, int32_t first, int32_t last) {
  std::vector<uint32_t> next(static_cast<size_t>(last - first) + 1);  // then: per sentence, its next slot
  for (const Mention& m : found) ++next[static_cast<size_t>(m.sentence - first) + 1];
  for (size_t i = 1; i < next.size(); ++i) next[i] += next[i - 1];
  std::vector<uint32_t> order(found.size());
  for (uint32_t i = 0; i < found.size(); ++i) order[next[static_cast<size_t>(found[i].sentence - first)]++] = i;
  return order;
}

}  // namespace

bool RuleMatcher::MatchPieces(std::span<const Piece> pieces, DeadlineCheck& late) const {
  if (!lexicon_rules_.empty()) {
    std::vector<std::vector<LexiconHit>> hits;
    for (const Piece& p : pieces) {
      const FormStartIndex starts = IndexFormStarts(*p.doc, p.first, p.last);
      for (int32_t i = p.first; i < p.last; ++i) {
        if (late.After(p.doc->SentenceText(i).size())) return false;
        MatchLexiconRules(*p.doc, i, starts.Of(i - p.first), hits, *p.found);
      }
    }
  }
  Firings firings(rules_.size());
  if (!FireAtoms(pieces, firings, late)) return false;
  for (size_t g = 0; g < sets_.size(); ++g) {
    if (!FireSet(pieces, g, firings, late)) return false;
  }
  for (const SetGroup& g : sets_) {
    for (size_t r : g.rules) {
      for (const auto& [k, i] : firings[r]) {
        const Piece& p = pieces[k];
        if (!MatchRule(r, *p.doc, i, *p.found, late)) return false;
      }
    }
  }
  // Found rule after rule: put in sentence order in place (one vector of them is what costs).
  for (const Piece& p : pieces) KeepInOrder(*p.found, BySentence(*p.found, p.first, p.last));
  return true;
}

bool RuleMatcher::FireAtoms(std::span<const Piece> pieces, Firings& firings, DeadlineCheck& late) const {
  AtomFilter::Scratch scratch;
  for (uint32_t k = 0; k < pieces.size(); ++k) {
    const Piece& p = pieces[k];
    for (int32_t i = p.first; i < p.last; ++i) {
      const std::string_view text = p.doc->SentenceText(i);
      if (late.After(text.size())) return false;
      for (int a : atoms_->Candidates(text, scratch)) firings[atom_rules_[static_cast<size_t>(a)]].emplace_back(k, i);
    }
  }
  return true;
}

bool RuleMatcher::FireSet(std::span<const Piece> pieces, size_t g, Firings& firings, DeadlineCheck& late) const {
  const SetGroup& group = sets_[g];
  if (group.set_rules.empty()) return true;
  std::vector<int> fired;
  for (uint32_t k = 0; k < pieces.size(); ++k) {
    const Piece& p = pieces[k];
    for (int32_t i = p.first; i < p.last; ++i) {
      const std::string_view text = p.doc->SentenceText(i);
      if (late.After(text.size())) return false;
      fired.clear();
      RE2::Set::ErrorInfo info;
      if (group.set != nullptr && group.set->Match(text, &fired, &info)) {
        for (int f : fired) firings[group.set_rules[static_cast<size_t>(f)]].emplace_back(k, i);
      } else if (group.set == nullptr || info.kind != RE2::Set::kNoError) {
        for (size_t r : group.set_rules) firings[r].emplace_back(k, i);  // no set, or it ran out of memory
      }
    }
  }
  return true;
}

namespace {

// The position after the first character of a match at `start`: where a rejected match retries,
// so that it consumes nothing, as if the pattern had not matched there.
size_t RetryFrom(std::string_view text, size_t start) {
  ++start;
  while (start < text.size() && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) ++start;
  return start;
}

// A retry scans again the text up to where the match it retries ended: after a rejected match, the
// rest of it (a later start may still be a name: "Liberty Center" of "One Liberty Center"); after
// a match its normalizer cut short, the part cut off (it may hold the next name). On a run of head
// words ("Center Center …", every start rejected, every match running to the sentence end) that is
// quadratic. So what one rule scans again in one sentence is bounded: kRescanPerByte times the
// sentence's length plus kRescanSlack; past that, the rule goes on after the end of each match.
// Real sentences stay far below it: on the corpora, a rule rescans at most 657 bytes of a sentence.
constexpr size_t kRescanPerByte = 4;
constexpr size_t kRescanSlack = 16 << 10;

}  // namespace

RuleMatcher::FormStartIndex RuleMatcher::IndexFormStarts(const Document& doc, int32_t first, int32_t last) {
  FormStartIndex index;
  index.first.reserve(static_cast<size_t>(last - first) + 1);
  for (int32_t i = first; i < last; ++i) {
    index.first.push_back(index.starts.size());
    FormStarts(doc.SentenceText(i), index.starts);
  }
  index.first.push_back(index.starts.size());
  return index;
}

void RuleMatcher::MatchLexiconRules(const Document& doc, int32_t index, std::span<const uint32_t> starts,
                                    std::vector<std::vector<LexiconHit>>& hits, std::vector<Mention>& out) const {
  lexicon_set_->HitsAt(doc.SentenceText(index), starts, hits);
  for (size_t k = 0; k < lexicon_rules_.size(); ++k) {
    if (lexicon_slot_[k] < 0) {
      MatchLexiconRule(lexicon_rules_[k], doc, index, starts, out);
    } else {
      MatchLexiconHits(lexicon_rules_[k], doc, index, hits[static_cast<size_t>(lexicon_slot_[k])], out);
    }
  }
}

void RuleMatcher::MatchLexiconHits(size_t rule_index, const Document& doc, int32_t index,
                                   std::span<const LexiconHit> hits, std::vector<Mention>& out) const {
  const CompiledRule& rule = *rules_[rule_index];
  const std::string_view text = doc.SentenceText(index);
  std::vector<std::pair<std::string_view, std::string_view>> named;
  size_t next = 0;  // the first start to consider
  for (const LexiconHit& hit : hits) {
    if (hit.start < next) continue;
    const std::string_view found = text.substr(hit.start, hit.end - hit.start);
    named.assign(1, {rule.lexicon_group, found});
    // Accepted: go on after the hit; rejected: at the next start after the hit's (as RetryFrom).
    const bool accepted = Emit(rule_index, doc, index, found, named, out).has_value();
    next = accepted ? hit.end : hit.start + 1;
  }
}

void RuleMatcher::MatchLexiconRule(size_t rule_index, const Document& doc, int32_t index,
                                   std::span<const uint32_t> starts, std::vector<Mention>& out) const {
  const CompiledRule& rule = *rules_[rule_index];
  const std::string_view text = doc.SentenceText(index);
  std::vector<std::pair<std::string_view, std::string_view>> named;
  while (std::optional<LexiconHit> hit = rule.lexicon->FindFirst(text, starts)) {
    const std::string_view found = text.substr(hit->start, hit->end - hit->start);
    named.assign(1, {rule.lexicon_group, found});
    // Accepted: go on after the hit; rejected: at the next start after the hit's (as RetryFrom).
    const bool accepted = Emit(rule_index, doc, index, found, named, out).has_value();
    const uint32_t next = static_cast<uint32_t>(accepted ? hit->end : hit->start + 1);
    starts = starts.subspan(static_cast<size_t>(std::lower_bound(starts.begin(), starts.end(), next) - starts.begin()));
  }
}

bool RuleMatcher::MatchRule(size_t rule_index, const Document& doc, int32_t index, std::vector<Mention>& out,
                            DeadlineCheck& late) const {
  const CompiledRule& cr = *rules_[rule_index];
  const FilterRe& shared = filter_re_[rule_index];
  const RE2& re = shared.re != nullptr ? *shared.re : cr.re();
  const RE2* submatch = cr.submatch();
  const int mention_group = shared.re != nullptr ? shared.mention_group : cr.mention_group();
  const std::string_view text = doc.SentenceText(index);
  // The branches without the mention group report nothing: where the others cannot match, the
  // sentence gives no mention, and its matches (each costing RE2's submatch engine) are not sought.
  std::atomic<uint32_t>& mentionless = mentionless_[rule_index];
  if (mentionless.load(std::memory_order_relaxed) >= kMentionFilterAfter) {
    const RE2* filter = cr.pattern->mention_filter();
    if (filter != nullptr && !filter->Match(text, 0, text.size(), RE2::UNANCHORED, nullptr, 0)) return true;
  }
  const int ngroups = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> groups(ngroups);
  std::vector<std::pair<std::string_view, std::string_view>> named;
  size_t rescan_budget = kRescanPerByte * text.size() + kRescanSlack;
  // Where the next search starts after a match that ends at `end`, wanted at `retry` (< end).
  auto resume = [&](size_t retry, size_t end) {
    if (end - retry > rescan_budget) return end;
    rescan_budget -= end - retry;
    return retry;
  };
  size_t pos = 0;
  while (pos <= text.size()) {
    if (late.After(text.size() - pos)) return false;
    if (!FindNext(re, submatch, text, pos, groups.data(), ngroups)) break;
    const re2::StringPiece whole = groups[0];
    const size_t start = static_cast<size_t>(whole.data() - text.data());
    const size_t end = start + whole.size();
    pos = whole.empty() ? end + 1 : end;
    re2::StringPiece reported = whole;
    if (const int mg = mention_group; mg > 0) {
      // A branch of the pattern without the group consumes what it matched and reports nothing
      // (RE2 has no negative lookahead): "Mount Diablo Meridian" is matched first, as no place.
      if (groups[mg].data() == nullptr) {
        if (mentionless.load(std::memory_order_relaxed) < kMentionFilterAfter) {
          mentionless.fetch_add(1, std::memory_order_relaxed);
        }
        continue;
      }
      reported = groups[mg];
    }
    if (reported.empty()) continue;
    named.clear();
    for (const auto& [name, gi] : re.NamedCapturingGroups()) {
      if (groups[gi].data() != nullptr) named.emplace_back(name, std::string_view(groups[gi].data(), groups[gi].size()));
    }
    std::optional<Span> parent =
        Emit(rule_index, doc, index, std::string_view(reported.data(), reported.size()), named, out);
    if (!parent) {
      pos = resume(std::min(RetryFrom(text, start), end), end);
      continue;
    }
    // A normalizer that cut the mention short (NormalizedValue::keep) leaves the rest of the match
    // to be matched again: in "Center for Drug Evaluation and Research, Food and Drug
    // Administration", cut at the comma, the same rule then finds the second name.
    const size_t kept_end = parent->end - static_cast<size_t>(text.data() - doc.view.text().data());
    const size_t reported_end = static_cast<size_t>(reported.data() - text.data()) + reported.size();
    if (kept_end < reported_end) pos = resume(std::min(std::max(kept_end, RetryFrom(text, start)), end), end);
    for (const AlsoMention& also : cr.rule.also) EmitAlso(cr, re, also, doc, index, groups, *parent, out);
  }
  return true;
}

std::optional<Span> RuleMatcher::Emit(size_t rule_index, const Document& doc, int32_t index,
                                      std::string_view reported,
                                      const std::vector<std::pair<std::string_view, std::string_view>>& named,
                                      std::vector<Mention>& out) const {
  const Rule& rule = rules_[rule_index]->rule;
  RuleMatch match(rule, doc, reported, named, lexicons_);
  NormalizedValue value;
  const NormalizerSpec* norm = normalizers_[rule_index];
  if (norm == nullptr || !norm->fn(match, &value)) return std::nullopt;
  if (value.keep < reported.size()) {
    reported = reported.substr(0, value.keep);
    while (!reported.empty() && std::isspace(static_cast<unsigned char>(reported.back()))) reported.remove_suffix(1);
    if (reported.empty()) return std::nullopt;
  }
  Mention m = MakeMention(rule, rule.type, doc, index, reported, std::move(value));
  if (!rule.value.is_null()) m.value = rule.value;
  if (!rule.mod.empty()) m.mod = rule.mod;
  if (!rule.unit.empty()) m.unit = rule.unit;
  if (rule.attrs.is_object()) {
    if (!m.attrs.is_object()) m.attrs = Json::object();
    for (const auto& [k, v] : rule.attrs.items()) m.attrs[k] = v;
  }
  const Span span = m.view_span;
  out.push_back(std::move(m));
  return span;
}

void RuleMatcher::EmitAlso(const CompiledRule& cr, const RE2& re, const AlsoMention& also, const Document& doc,
                           int32_t index, const std::vector<re2::StringPiece>& groups, Span parent,
                           std::vector<Mention>& out) const {
  const auto& names = re.NamedCapturingGroups();
  auto it = names.find(also.group);
  if (it == names.end()) return;
  const re2::StringPiece g = groups[it->second];
  if (g.data() == nullptr || g.empty()) return;
  // The companion sees only the groups nested inside its own.
  std::vector<std::pair<std::string_view, std::string_view>> nested;
  for (const auto& [name, gi] : names) {
    const re2::StringPiece n = groups[gi];
    if (n.data() != nullptr && n.data() >= g.data() && n.data() + n.size() <= g.data() + g.size()) {
      nested.emplace_back(name, std::string_view(n.data(), n.size()));
    }
  }
  RuleMatch match(cr.rule, doc, std::string_view(g.data(), g.size()), nested, lexicons_);
  NormalizedValue value;
  const NormalizerSpec* norm = FindNormalizer(also.normalizer);
  if (norm == nullptr || !norm->fn(match, &value)) return;
  Mention m = MakeMention(cr.rule, also.type, doc, index, std::string_view(g.data(), g.size()), std::move(value));
  if (m.view_span == parent) return;  // the same span twice is no companion
  m.parent = parent;
  out.push_back(std::move(m));
}

Mention RuleMatcher::MakeMention(const Rule& rule, const std::string& type, const Document& doc, int32_t index,
                                 std::string_view reported, NormalizedValue value) const {
  const std::string& view = doc.view.text();
  Mention m;
  m.type = type;
  m.view_span.start = static_cast<uint32_t>(reported.data() - view.data());
  m.view_span.end = m.view_span.start + static_cast<uint32_t>(reported.size());
  m.span.start = doc.view.OriginalStart(m.view_span.start);
  m.span.end = doc.view.OriginalEnd(m.view_span.start, m.view_span.end);
  m.text = doc.text.substr(m.span.start, m.span.end - m.span.start);
  m.value = std::move(value.value);
  m.mod = std::move(value.mod);
  m.unit = std::move(value.unit);
  m.attrs = std::move(value.attrs);
  m.rule = rule.id;
  m.stage = rule.stage;
  m.priority = rule.priority;
  m.sentence = index;
  return m;
}

}  // namespace policygraph
