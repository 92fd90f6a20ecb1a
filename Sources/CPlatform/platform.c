#define _GNU_SOURCE
#include <unistd.h>
#include "CPlatform.h"

int tonghop_syncfs(int fd) {
#if defined(__linux__)
  return syncfs(fd);
#else
  sync();
  return fsync(fd);
#endif
}
