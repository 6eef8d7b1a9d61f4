#include "pipeline/core/free_memory.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace policygraph {

void ReturnFreeMemory(size_t document_bytes) {
  if (document_bytes < kReturnMemoryBytes) return;
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

}  // namespace policygraph
