#ifndef OGP_CLIBXML2_SHIM_H
#define OGP_CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; its encoding.h then includes the system ICU headers,
   which clash with the ICU module of swift-corelibs-foundation. ogp never touches the encoding
   handler structure (the only one whose layout depends on it), so ICU is hidden here. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#endif
