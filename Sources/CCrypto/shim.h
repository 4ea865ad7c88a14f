/* OpenSSL's libcrypto, for SHA-256 of fetched bodies (hardware-accelerated, ~1 ns/byte).
   Only OGPFetch imports this module. */
#ifndef OGP_CCRYPTO_SHIM_H
#define OGP_CCRYPTO_SHIM_H

#include <openssl/evp.h>

#endif
