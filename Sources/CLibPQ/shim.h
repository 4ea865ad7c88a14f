/* libpq, the PostgreSQL client library (only OGPStore's PostgresConnection imports it). */
#ifndef OGP_CLIBPQ_SHIM_H
#define OGP_CLIBPQ_SHIM_H

#include <libpq-fe.h>

#endif
