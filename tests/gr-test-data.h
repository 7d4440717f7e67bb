/* Unit test helpers: the recorded gluster outputs in tests/data. */
#pragma once

#include <glib.h>

#include "gr-xml-cli-output.h"
#include "gr-xml-core.h"

G_BEGIN_DECLS

/* The contents of tests/data/@name; fails the test if unreadable. */
char *gr_test_read_data (const char *name, gsize *len);

/* tests/data/@name through one of the service's stream parsers. */
gpointer gr_test_read_stream (const char *name,
                              GrXmlAnswerReader parser,
                              GrCliStatus *envelope,
                              GError **error);

/* Input that every reader of gluster's XML must refuse, by kind. */
typedef enum {
  GR_TEST_NOT_XML,   /* recorded sentences, empty output */
  GR_TEST_TRUNCATED, /* a recorded answer cut anywhere */
  GR_TEST_MALFORMED, /* crossed tags, two roots, NUL, unknown entity */
  GR_TEST_DOCTYPE,   /* a DTD, billion laughs, external entities */
  GR_TEST_TOO_LARGE, /* over GR_XML_MAX_SIZE */
} GrTestHostile;

/* Fails the test unless reading @data gives GR_ERROR_FAILED whose
 * message contains @message_part. */
typedef void (*GrTestAssertRefused) (const char *data,
                                     gsize len,
                                     const char *message_part);

/* Calls @assert_refused on each input of @kind. */
void gr_test_refuse (GrTestHostile kind, GrTestAssertRefused assert_refused);

G_END_DECLS
