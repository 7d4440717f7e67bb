/* georepd: classification of gluster CLI results.
 *
 * The CLI does not always answer in XML: with glusterd down or a request
 * timed out it prints a plain sentence even with --xml. Those sentences
 * are the only signal, so they are matched here and nowhere else. */
#include <string.h>

#include "gr-error.h"
#include "gr-gluster-result.h"
#include "gr-text.h"
#include "gr-xml-cli-output.h"

#define MESSAGE_MAX 512

/* gluster's words go into D-Bus errors and logs: clean (gr-text.h). */
static char *
first_lines (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  return gr_text_clean (trimmed, MESSAGE_MAX);
}

static GrGlusterOutcome
classify_text (const char *text, int exit_status, GError **error)
{
  g_autofree char *message = first_lines (text);

  if (strstr (text, "Another transaction is in progress"))
    return GR_GLUSTER_OUTCOME_RETRY;
  if (strstr (text, "Connection failed") ||
      strstr (text, "gluster daemon is operational"))
    g_set_error (error, GR_ERROR, GR_ERROR_GLUSTERD_UNAVAILABLE,
                 "glusterd is not running: %s", message);
  else if (strstr (text, "Request timed out") || strstr (text, "timed out"))
    g_set_error (error, GR_ERROR, GR_ERROR_TIMEDOUT, "gluster timed out: %s",
                 message);
  else if (exit_status == 0)
    g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                 "Unexpected output from gluster: %s", message);
  else
    g_set_error (error, GR_ERROR, GR_ERROR_GLUSTER_FAILED, "%s",
                 *message ? message : "gluster failed");
  return GR_GLUSTER_OUTCOME_FAILED;
}

static GrGlusterOutcome
classify_status (const GrCliStatus *status, GError **error)
{
  g_autofree char *message = NULL;

  if (status->op_ret == 0)
    return GR_GLUSTER_OUTCOME_OK;
  if (status->op_errno == GR_GLUSTER_ERRNO_LOCKED)
    return GR_GLUSTER_OUTCOME_RETRY;
  if (status->op_errstr &&
      strstr (status->op_errstr, "Another transaction is in progress"))
    return GR_GLUSTER_OUTCOME_RETRY;
  message = first_lines (status->op_errstr && *status->op_errstr
                             ? status->op_errstr
                             : "gluster failed without a message");
  g_set_error (error, GR_ERROR, GR_ERROR_GLUSTER_FAILED, "%s", message);
  return GR_GLUSTER_OUTCOME_FAILED;
}

/* Only something that looks like XML is given to a parser, so that a
 * sentence is reported as the sentence it is. */
static gboolean
looks_like_xml (const char *output, gsize len)
{
  return len > 0 && memchr (output, '<', MIN (len, 64)) != NULL;
}

static GrGlusterOutcome
classify_output_text (const char *output,
                      gsize len,
                      int exit_status,
                      GError **error)
{
  g_autoptr (GString) text = g_string_new_len (output, len);

  return classify_text (text->str, exit_status, error);
}

/* Gives @parsed to the caller when @status says the command succeeded,
 * else frees it; clears @status. */
static GrGlusterOutcome
hand_over (GrCliStatus *status,
           gpointer parsed,
           GDestroyNotify parsed_free,
           gpointer *result,
           GError **error)
{
  GrGlusterOutcome outcome = classify_status (status, error);

  gr_cli_status_clear (status);
  if (outcome == GR_GLUSTER_OUTCOME_OK)
    *result = parsed;
  else
    parsed_free (parsed);
  return outcome;
}

GrGlusterOutcome
gr_gluster_result_from_envelope (const char *output,
                                 gsize len,
                                 int exit_status,
                                 GError **error)
{
  GrCliStatus status = { 0 };
  GrGlusterOutcome outcome;

  if (!looks_like_xml (output, len) ||
      !gr_xml_cli_status (output, len, &status, NULL))
    return classify_output_text (output, len, exit_status, error);
  outcome = classify_status (&status, error);
  gr_cli_status_clear (&status);
  return outcome;
}

GrGlusterOutcome
gr_gluster_result_from_stream (const char *output,
                               gsize len,
                               int exit_status,
                               GrXmlAnswerReader parser,
                               GDestroyNotify result_free,
                               gpointer *result,
                               GError **error)
{
  GrCliStatus status = { 0 };
  gpointer parsed;

  if (!looks_like_xml (output, len) ||
      (parsed = parser (output, len, &status, NULL)) == NULL)
    return classify_output_text (output, len, exit_status, error);
  return hand_over (&status, parsed, result_free, result, error);
}

GrGlusterOutcome
gr_gluster_result_from_text (const char *output,
                             int exit_status,
                             GError **error)
{
  if (exit_status == 0)
    return GR_GLUSTER_OUTCOME_OK;
  return classify_text (output, exit_status ? exit_status : 1, error);
}

static gboolean
is_version_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr (".-_+~", c) != NULL);
}

char *
gr_gluster_parse_version (const char *text)
{
  const char *start, *end;

  if (text == NULL || !g_str_has_prefix (text, "glusterfs "))
    return NULL;
  start = text + strlen ("glusterfs ");
  for (end = start; is_version_char (*end); end++)
    ;
  if (end == start || !g_ascii_isdigit (*start) ||
      (*end != '\0' && !g_ascii_isspace (*end)))
    return NULL;
  return g_strndup (start, end - start);
}
