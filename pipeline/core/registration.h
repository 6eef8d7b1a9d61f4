// What the registration macros (PG_REGISTER_STAGE, PG_REGISTER_NORMALIZER) share: a variable name
// unique to the line that registers, for the static initializer that does it.
#ifndef POLICYGRAPH_PIPELINE_CORE_REGISTRATION_H_
#define POLICYGRAPH_PIPELINE_CORE_REGISTRATION_H_

#define PG_REGISTRATION_CONCAT_(a, b) a##b
#define PG_REGISTRATION_CONCAT(a, b) PG_REGISTRATION_CONCAT_(a, b)
#define PG_REGISTRATION_NAME(prefix) PG_REGISTRATION_CONCAT(prefix, __LINE__)

#endif  // POLICYGRAPH_PIPELINE_CORE_REGISTRATION_H_
