#include "pipeline/rules/rule_snapshot.h"

namespace policygraph {
namespace {

// Each structure is an array of its fields in declaration order (compact, and fast to read).
Json Pack(const ExpectedMention& e);
Json Pack(const RuleExample& e);
Json Pack(const AlsoMention& a);
Json Pack(const LexiconEntry& e);
Json Pack(const Lexicon& l);
Json Pack(const Rule& r);
Json Pack(const RuleFile& f);
void Unpack(const Json& j, ExpectedMention& e);
void Unpack(const Json& j, RuleExample& e);
void Unpack(const Json& j, AlsoMention& a);
void Unpack(const Json& j, LexiconEntry& e);
void Unpack(const Json& j, Lexicon& l);
void Unpack(const Json& j, Rule& r);
void Unpack(const Json& j, RuleFile& f);

Json Pack(const SourceLocation& w) { return Json::array({w.file, w.line}); }
void Unpack(const Json& j, SourceLocation& w) {
  w.file = j[0].get<std::string>();
  w.line = j[1].get<int>();
}

Json Pack(const ExpectedMention& e) {
  return Json::array({e.text, e.type, e.value, e.mod, e.unit, e.subject, e.relation, e.object, e.attrs});
}
void Unpack(const Json& j, ExpectedMention& e) {
  e.text = j[0].get<std::string>();
  e.type = j[1].get<std::string>();
  e.value = j[2];
  e.mod = j[3].get<std::string>();
  e.unit = j[4].get<std::string>();
  e.subject = j[5].get<std::string>();
  e.relation = j[6].get<std::string>();
  e.object = j[7].get<std::string>();
  e.attrs = j[8];
}

template <typename T>
Json PackAll(const std::vector<T>& items) {
  Json out = Json::array();
  for (const T& item : items) out.push_back(Pack(item));
  return out;
}
template <typename T>
void UnpackAll(const Json& j, std::vector<T>& items) {
  items.resize(j.size());
  for (size_t i = 0; i < j.size(); ++i) Unpack(j[i], items[i]);
}

Json Pack(const RuleExample& e) { return Json::array({e.text, e.date, PackAll(e.expect), Pack(e.where)}); }
void Unpack(const Json& j, RuleExample& e) {
  e.text = j[0].get<std::string>();
  e.date = j[1].get<std::string>();
  UnpackAll(j[2], e.expect);
  Unpack(j[3], e.where);
}

Json Pack(const AlsoMention& a) { return Json::array({a.group, a.type, a.normalizer, Pack(a.where)}); }
void Unpack(const Json& j, AlsoMention& a) {
  a.group = j[0].get<std::string>();
  a.type = j[1].get<std::string>();
  a.normalizer = j[2].get<std::string>();
  Unpack(j[3], a.where);
}

Json Pack(const LexiconEntry& e) { return Json::array({e.canonical, e.attrs, e.surfaces}); }
void Unpack(const Json& j, LexiconEntry& e) {
  e.canonical = j[0].get<std::string>();
  e.attrs = j[1];
  e.surfaces = j[2].get<std::vector<std::string>>();
}

Json Pack(const Lexicon& l) { return Json::array({l.name, Pack(l.where), PackAll(l.entries)}); }
void Unpack(const Json& j, Lexicon& l) {
  l.name = j[0].get<std::string>();
  Unpack(j[1], l.where);
  UnpackAll(j[2], l.entries);
}

Json Pack(const Rule& r) {
  return Json::array({r.id, r.stage, r.type, r.pattern, r.expanded, r.normalizer, r.priority, r.value, r.mod, r.unit,
                      r.relation, r.attrs, r.params, PackAll(r.examples), r.negatives, PackAll(r.also), Pack(r.where),
                      r.group_lexicon});
}
void Unpack(const Json& j, Rule& r) {
  r.id = j[0].get<std::string>();
  r.stage = j[1].get<std::string>();
  r.type = j[2].get<std::string>();
  r.pattern = j[3].get<std::string>();
  r.expanded = j[4].get<std::string>();
  r.normalizer = j[5].get<std::string>();
  r.priority = j[6].get<int>();
  r.value = j[7];
  r.mod = j[8].get<std::string>();
  r.unit = j[9].get<std::string>();
  r.relation = j[10].get<std::string>();
  r.attrs = j[11];
  r.params = j[12];
  UnpackAll(j[13], r.examples);
  r.negatives = j[14].get<std::vector<std::string>>();
  UnpackAll(j[15], r.also);
  Unpack(j[16], r.where);
  r.group_lexicon = j[17].get<std::map<std::string, std::string>>();
}

Json Pack(const RuleFile& f) {
  Json macros = Json::array();
  for (const auto& [name, def] : f.macros) macros.push_back(Json::array({name, def.first, Pack(def.second)}));
  return Json::array({f.path, f.stage, f.type, f.normalizer, macros, PackAll(f.lexicons), PackAll(f.rules)});
}
void Unpack(const Json& j, RuleFile& f) {
  f.path = j[0].get<std::string>();
  f.stage = j[1].get<std::string>();
  f.type = j[2].get<std::string>();
  f.normalizer = j[3].get<std::string>();
  for (const Json& m : j[4]) {
    auto& def = f.macros[m[0].get<std::string>()];
    def.first = m[1].get<std::string>();
    Unpack(m[2], def.second);
  }
  UnpackAll(j[5], f.lexicons);
  UnpackAll(j[6], f.rules);
}

}  // namespace

std::string SnapshotRuleFiles(const std::vector<RuleFile>& files) {
  const std::vector<uint8_t> bytes = Json::to_cbor(PackAll(files));
  return std::string(bytes.begin(), bytes.end());
}

std::optional<std::vector<RuleFile>> RuleFilesFromSnapshot(std::string_view snapshot) {
  if (snapshot.empty()) return std::nullopt;
  try {
    std::vector<RuleFile> files;
    UnpackAll(Json::from_cbor(snapshot.begin(), snapshot.end()), files);
    return files;
  } catch (const Json::exception&) {
    return std::nullopt;
  }
}

}  // namespace policygraph
