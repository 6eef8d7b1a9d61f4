#include "pipeline/eval/scorer.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "pipeline/core/mention_types.h"

namespace policygraph {
namespace {

// Types whose values are scored: the value types, and a gold standard's TIMEX.
bool ScoresValue(const std::string& type) { return IsValueType(type) || IsTimeType(type); }

std::string DocKey(const std::string& doc) {
  std::string b = doc.substr(doc.find_last_of('/') == std::string::npos ? 0 : doc.find_last_of('/') + 1);
  size_t dot = b.rfind('.');
  return dot == std::string::npos ? b : b.substr(0, dot);
}

std::optional<double> Num(const Json& v) {
  if (v.is_object()) {
    for (const char* k : {"value", "amount", "number"}) {
      if (v.contains(k)) return Num(v[k]);
    }
    return std::nullopt;
  }
  if (v.is_number()) return v.get<double>();
  if (v.is_boolean()) return v.get<bool>() ? 1.0 : 0.0;
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    if (!s.empty() && end && *end == '\0') return d;
  }
  return std::nullopt;
}

std::string PyStr(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "None";
  return v.dump();
}

bool ValueOk(const ScoredMention& g, const ScoredMention& s) {
  const std::string& t = g.type;
  Json gv = g.value, sv = s.value;
  if (IsTimeType(t)) {
    if (sv.is_object()) {
      for (const char* k : {"value", "iso", "timex"}) {
        if (sv.contains(k) && !sv[k].is_null() && !(sv[k].is_string() && sv[k].get<std::string>().empty())) {
          sv = sv[k];
          break;
        }
      }
    }
    return PyStr(gv) == PyStr(sv);
  }
  if (t == "MONEY") {
    if (!sv.is_object() || !gv.is_object()) return false;
    auto a = Num(gv.value("amount", Json())), b = Num(sv.value("amount", Json()));
    bool same_currency = !gv.contains("currency") || gv["currency"].is_null() ||
                         (sv.contains("currency") && gv["currency"] == sv["currency"]);
    return a && b && std::abs(*a - *b) <= 0.005 * std::abs(*a) && same_currency;
  }
  auto a = Num(gv), b = Num(sv);
  return a && b && std::abs(*a - *b) < 1e-9 * std::max(1.0, std::abs(*a));
}

bool Overlap(const ScoredMention& a, const ScoredMention& b) { return a.start < b.end && b.start < a.end; }

Prf MakePrf(int tp, int fp, int fn) {
  Prf x;
  x.tp = tp, x.fp = fp, x.fn = fn;
  x.p = tp + fp ? static_cast<double>(tp) / (tp + fp) : 0.0;
  x.r = tp + fn ? static_cast<double>(tp) / (tp + fn) : 0.0;
  x.f1 = x.p + x.r ? 2 * x.p * x.r / (x.p + x.r) : 0.0;
  return x;
}

double Round3(double x) { return std::round(x * 1000.0) / 1000.0; }

}  // namespace

StatusOr<std::vector<ScoredMention>> LoadMentions(const std::string& path, const ScoreOptions& options) {
  std::ifstream in(path);
  if (!in) return Status::IoError(path + ": cannot open");
  std::set<std::string> types(options.types.begin(), options.types.end());
  std::vector<ScoredMention> out;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Json r = Json::parse(line, nullptr, false);
    if (r.is_discarded() || !r.is_object()) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) + ": not a JSON object");
    }
    if (!r.contains("type") || !r.contains("start")) continue;
    ScoredMention m;
    m.type = r["type"].get<std::string>();
    if (auto f = options.family.find(m.type); f != options.family.end()) m.type = f->second;
    if (!types.count(m.type)) continue;
    m.doc = DocKey(r.value("doc", std::string()));
    m.start = r["start"].get<uint32_t>();
    m.end = r.value("end", m.start);
    m.value = r.value("value", Json());
    m.optional = r.value("optional", false);
    out.push_back(std::move(m));
  }
  return out;
}

ScoreReport Score(const std::vector<ScoredMention>& gold, const std::vector<ScoredMention>& system,
                  const ScoreOptions& options) {
  std::map<std::string, std::vector<const ScoredMention*>> G, S;
  for (const auto& g : gold) G[g.doc].push_back(&g);
  for (const auto& s : system) S[s.doc].push_back(&s);
  std::set<std::string> docs;
  for (const auto& [d, _] : G) docs.insert(d);
  for (const auto& [d, _] : S) docs.insert(d);
  std::set<std::string> types(options.types.begin(), options.types.end());
  std::map<std::string, std::map<std::string, int>> st;
  for (const std::string& d : docs) {
    const auto& gs = G[d];
    const auto& ss = S[d];
    for (const std::string mode : {"strict", "relaxed"}) {
      std::vector<bool> used(ss.size(), false);
      for (const ScoredMention* g : gs) {
        int best = -1;
        for (size_t si = 0; si < ss.size(); ++si) {
          if (used[si] || ss[si]->type != g->type) continue;
          bool ok = mode == "strict" ? (ss[si]->start == g->start && ss[si]->end == g->end) : Overlap(*ss[si], *g);
          if (ok) {
            best = static_cast<int>(si);
            break;
          }
        }
        if (best >= 0) {
          used[best] = true;
          if (!g->optional) {
            ++st[g->type][mode + "_tp"];
            if (mode == "relaxed" && ScoresValue(g->type) && !g->value.is_null()) {
              ++st[g->type]["valued_tp"];
              st[g->type]["value_ok"] += ValueOk(*g, *ss[best]);
            }
          }
        } else if (!g->optional) {
          ++st[g->type][mode + "_fn"];
        }
      }
      for (size_t si = 0; si < ss.size(); ++si) {
        if (used[si]) continue;
        bool excused = false;
        for (const ScoredMention* g : gs) {
          if (g->optional && g->type == ss[si]->type && Overlap(*g, *ss[si])) excused = true;
        }
        if (excused) continue;
        if (types.count(ss[si]->type)) ++st[ss[si]->type][mode + "_fp"];
      }
    }
  }
  ScoreReport report;
  report.types = options.types;
  int tot[2][3] = {};
  for (const std::string& t : options.types) {
    auto& s = st[t];
    TypeScore ts;
    ts.strict = MakePrf(s["strict_tp"], s["strict_fp"], s["strict_fn"]);
    ts.relaxed = MakePrf(s["relaxed_tp"], s["relaxed_fp"], s["relaxed_fn"]);
    tot[0][0] += ts.strict.tp, tot[0][1] += ts.strict.fp, tot[0][2] += ts.strict.fn;
    tot[1][0] += ts.relaxed.tp, tot[1][1] += ts.relaxed.fp, tot[1][2] += ts.relaxed.fn;
    ts.valued_tp = s["valued_tp"];
    ts.value_ok = s["value_ok"];
    if (ScoresValue(t) && ts.valued_tp) {
      ts.has_value = true;
      ts.value_acc = static_cast<double>(ts.value_ok) / ts.valued_tp;
      ts.value_f1 = Round3(ts.value_acc * Round3(ts.relaxed.f1));
    }
    report.by_type[t] = ts;
  }
  report.all_strict = MakePrf(tot[0][0], tot[0][1], tot[0][2]);
  report.all_relaxed = MakePrf(tot[1][0], tot[1][1], tot[1][2]);
  return report;
}

Json ScoreReport::ToJson() const {
  auto prf = [](const Prf& x, bool counts) {
    Json j = {{"p", Round3(x.p)}, {"r", Round3(x.r)}, {"f1", Round3(x.f1)}};
    if (counts) j["tp"] = x.tp, j["fp"] = x.fp, j["fn"] = x.fn;
    return j;
  };
  Json out = Json::object();
  for (const std::string& t : types) {
    const TypeScore& s = by_type.at(t);
    Json row = {{"strict", prf(s.strict, true)}, {"relaxed", prf(s.relaxed, true)}};
    if (s.has_value) {
      row["value_acc"] = Round3(s.value_acc);
      row["value_f1"] = Round3(s.value_f1);
    }
    out[t] = row;
  }
  out["ALL"] = {{"strict", prf(all_strict, false)}, {"relaxed", prf(all_relaxed, false)}};
  return out;
}

std::string ScoreReport::ToTable() const {
  std::ostringstream out;
  char buf[160];
  std::snprintf(buf, sizeof buf, "%-8s %20s %20s %7s\n", "type", "strict P/R/F1", "relaxed P/R/F1", "value");
  out << buf;
  auto row = [&](const std::string& t, const Prf& s, const Prf& r, const std::string& v) {
    std::snprintf(buf, sizeof buf, "%-8s %6.3f/%.3f/%.3f %6.3f/%.3f/%.3f %7s\n", t.c_str(), Round3(s.p), Round3(s.r),
                  Round3(s.f1), Round3(r.p), Round3(r.r), Round3(r.f1), v.c_str());
    out << buf;
  };
  for (const std::string& t : types) {
    const TypeScore& s = by_type.at(t);
    char v[16] = "";
    if (s.has_value) std::snprintf(v, sizeof v, "%.3f", Round3(s.value_f1));
    row(t, s.strict, s.relaxed, v);
  }
  row("ALL", all_strict, all_relaxed, "");
  return out.str();
}

}  // namespace policygraph
