#ifndef TONGHOP_CPLATFORM_H
#define TONGHOP_CPLATFORM_H

/// syncfs(2): writes back everything of the file system holding `fd` in one call.
/// It is a GNU extension, which the Swift Glibc module does not export.
int tonghop_syncfs(int fd);

#endif
