/* Unit test helpers for recorded gluster outputs. */
#include <string.h>

#include "gr-test-data.h"
#include "gr-xml-cli-output.h"
#include "gr-xml-core.h"

char *
gr_test_read_data (const char *name, gsize *len)
{
  g_autofree char *path =
      g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

gpointer
gr_test_read_stream (const char *name,
                     GrXmlAnswerReader parser,
                     GrCliStatus *envelope,
                     GError **error)
{
  gsize len;
  g_autofree char *data = gr_test_read_data (name, &len);

  return parser (data, len, envelope, error);
}

typedef struct {
  GrTestHostile kind;
  const char *file; /* in tests/data, else @text */
  const char *text;
  gsize len; /* of @text, when it holds a NUL */
  const char *message_part;
} GrTestRefusal;

static const char with_nul[] = "<cliOutput><opRet>0\0</opRet></cliOutput>";

static const GrTestRefusal refusals[] = {
  { GR_TEST_NOT_XML, "err-glusterd-down.out", NULL, 0, "not XML" },
  { GR_TEST_NOT_XML, "err-status-nosession.out", NULL, 0, "not XML" },
  { GR_TEST_NOT_XML, "gluster-version.txt", NULL, 0, "not XML" },
  { GR_TEST_NOT_XML, NULL, "", 0, "empty" },
  { GR_TEST_NOT_XML, NULL, " \n\t", 0, "empty" },
  { GR_TEST_TRUNCATED, "bad-truncated.xml", NULL, 0, "truncated" },
  { GR_TEST_TRUNCATED, NULL, "<cliOutput><opRet>0</opRet>", 0, "truncated" },
  { GR_TEST_MALFORMED, "bad-malformed.xml", NULL, 0,
    "malformed XML at line 8" },
  { GR_TEST_MALFORMED, "bad-trailing.xml", NULL, 0, "malformed" },
  { GR_TEST_MALFORMED, NULL, with_nul, sizeof with_nul - 1,
    "Cannot read gluster output" },
  { GR_TEST_MALFORMED, NULL, "<", 0, "Cannot read gluster output" },
  /* Without a DTD only the five predefined entities exist. */
  { GR_TEST_MALFORMED, NULL,
    "<cliOutput><opRet>0</opRet><opErrstr>&lol;</opErrstr></cliOutput>", 0,
    "malformed XML at line 1" },
  { GR_TEST_DOCTYPE, "bad-doctype.xml", NULL, 0, "DOCTYPE" },
  { GR_TEST_DOCTYPE, "bad-entity-bomb.xml", NULL, 0, "DOCTYPE" },
  { GR_TEST_DOCTYPE, "bad-xxe.xml", NULL, 0, "DOCTYPE" },
};

static void
refuse_listed (const GrTestRefusal *refusal, GrTestAssertRefused assert_refused)
{
  g_autofree char *data = NULL;
  gsize len;

  if (refusal->file == NULL)
    {
      len = refusal->len ? refusal->len : strlen (refusal->text);
      assert_refused (refusal->text, len, refusal->message_part);
      return;
    }
  data = gr_test_read_data (refusal->file, &len);
  assert_refused (data, len, refusal->message_part);
}

/* Cut anywhere, even in the middle of a name, it is a clean error. */
static void
refuse_cuts (GrTestAssertRefused assert_refused)
{
  gsize len;
  g_autofree char *data =
      gr_test_read_data ("geo-status-active-passive-all.xml", &len);

  for (gsize cut = 1; cut < len - 2; cut += 97)
    assert_refused (data, cut, "Cannot read gluster output");
}

static void
refuse_too_large (GrTestAssertRefused assert_refused)
{
  gsize len = GR_XML_MAX_SIZE + 1;
  g_autofree char *data = g_malloc (len);

  memset (data, ' ', len);
  memcpy (data, "<cliOutput>", strlen ("<cliOutput>"));
  assert_refused (data, len, "larger than 16 MiB");
}

void
gr_test_refuse (GrTestHostile kind, GrTestAssertRefused assert_refused)
{
  for (gsize i = 0; i < G_N_ELEMENTS (refusals); i++)
    if (refusals[i].kind == kind)
      refuse_listed (&refusals[i], assert_refused);
  if (kind == GR_TEST_TRUNCATED)
    refuse_cuts (assert_refused);
  if (kind == GR_TEST_TOO_LARGE)
    refuse_too_large (assert_refused);
}
