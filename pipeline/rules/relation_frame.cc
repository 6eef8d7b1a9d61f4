#include "pipeline/rules/relation_frame.h"

#include <algorithm>

namespace policygraph {
namespace {

bool ParsePlace(const std::string& s, SlotPlace* out) {
  static const std::pair<const char*, SlotPlace> kPlaces[] = {{"head", SlotPlace::kHead},
                                                              {"before", SlotPlace::kBefore},
                                                              {"after", SlotPlace::kAfter},
                                                              {"next", SlotPlace::kNext},
                                                              {"adjacent", SlotPlace::kAdjacent},
                                                              {"clause", SlotPlace::kClause}};
  for (const auto& [name, place] : kPlaces) {
    if (s == name) {
      *out = place;
      return true;
    }
  }
  return false;
}

bool ParseSlot(const Json& j, const std::string& name, const std::set<std::string>& types, FrameSlot* slot,
               std::string* error) {
  if (!j.is_object()) {
    *error = "frame slot '" + name + "' must be a map {types: [...], at: head|before|after|next|adjacent|clause}";
    return false;
  }
  for (const auto& [key, unused] : j.items()) {
    if (key != "types" && key != "at") {
      *error = "frame slot '" + name + "': unknown key '" + key + "' (valid: types, at)";
      return false;
    }
  }
  const Json& t = j.contains("types") ? j["types"] : Json();
  if (!t.is_array() || t.empty()) {
    *error = "frame slot '" + name + "' needs 'types', a non-empty list of mention types";
    return false;
  }
  for (const Json& x : t) {
    if (!x.is_string()) {
      *error = "frame slot '" + name + "': types are strings";
      return false;
    }
    std::string type = x.get<std::string>();
    if (!types.count(type)) {
      std::string known;
      for (const std::string& k : types) known += (known.empty() ? "" : ", ") + k;
      *error = "frame slot '" + name + "': unknown mention type '" + type + "' (known: " + known + ")";
      return false;
    }
    slot->types.push_back(std::move(type));
  }
  const std::string at = j.contains("at") && j["at"].is_string() ? j["at"].get<std::string>() : "";
  if (!ParsePlace(at, &slot->at)) {
    *error = "frame slot '" + name + "': 'at' must be head, before, after, next, adjacent or clause";
    return false;
  }
  return true;
}

}  // namespace

bool FrameSlot::Accepts(const std::string& type) const {
  return std::find(types.begin(), types.end(), type) != types.end();
}

bool IsFrameRule(const Rule& rule) { return rule.params.is_object() && rule.params.contains("subject") &&
                                            rule.params["subject"].is_object(); }

bool ParseFrame(const Rule& rule, const std::set<std::string>& types, RelationFrame* frame, std::string* error) {
  const Json& p = rule.params;
  for (const auto& [key, unused] : p.items()) {
    if (key != "subject" && key != "object" && key != "attrs" && key != "pairs") {
      *error = "frame: unknown params key '" + key + "' (valid: subject, object, attrs, pairs)";
      return false;
    }
  }
  if (!ParseSlot(p["subject"], "subject", types, &frame->subject, error)) return false;
  if (!p.contains("object")) {
    *error = "frame needs an 'object' slot";
    return false;
  }
  if (!ParseSlot(p["object"], "object", types, &frame->object, error)) return false;
  if (p.contains("attrs")) {
    if (!p["attrs"].is_object()) {
      *error = "frame 'attrs' must map attribute names to slots";
      return false;
    }
    for (const auto& [name, body] : p["attrs"].items()) {
      FrameSlot slot;
      if (!ParseSlot(body, name, types, &slot, error)) return false;
      frame->attrs.emplace_back(name, std::move(slot));
    }
  }
  if (p.contains("pairs")) {
    if (!p["pairs"].is_string() || p["pairs"].get<std::string>().empty()) {
      *error = "frame 'pairs' names a relation label";
      return false;
    }
    frame->pairs = p["pairs"].get<std::string>();
  }
  if (rule.relation.empty()) {
    *error = "a frame needs 'relation'";
    return false;
  }
  return true;
}

std::string CheckRelationRule(const Rule& rule, const std::set<std::string>& groups,
                              const std::set<std::string>& types) {
  if (rule.relation.empty()) return "a relation rule needs 'relation' (the edge label)";
  if (IsFrameRule(rule)) {
    RelationFrame frame;
    std::string error;
    return ParseFrame(rule, types, &frame, &error) ? "" : error;
  }
  const bool document_subject = rule.params.is_object() && rule.params.value("subject", Json()) == "DOCUMENT";
  if (!document_subject && !groups.count("subject")) {
    return "a relation rule needs a group 'subject' (?P<subject>...), params {subject: DOCUMENT}, or a frame "
           "(params {subject: {types, at}, object: {types, at}})";
  }
  if (!groups.count("object")) return "a relation rule needs a group 'object' (?P<object>...)";
  return "";
}

}  // namespace policygraph
