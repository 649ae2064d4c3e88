#ifndef SITEGEN_ATOMIC_SWAP_H
#define SITEGEN_ATOMIC_SWAP_H
/// Atomically exchanges two paths (renameat2 with RENAME_EXCHANGE on Linux).
/// Returns 0 on success, -1 with errno set otherwise (EINVAL/ENOSYS where unsupported).
int sitegen_exchange_paths(const char *a, const char *b);
#endif
