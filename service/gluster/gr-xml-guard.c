/* georepd: the rules every reader of the gluster CLI's XML obeys (see
 * gr-xml-guard.h).
 *
 * gluster never prints a DOCTYPE, so a document carrying one is refused
 * as soon as GMarkup hands it over: its entity declarations (billion
 * laughs, external entities) are never looked at. The XML declaration,
 * comments and processing instructions pass. The reader's callbacks are
 * called through the guard's, which count the depth and the roots. */
#include <string.h>

#include "gr-error.h"
#include "gr-xml-guard.h"
#include "gr-xml.h"

typedef struct {
  const GMarkupParser *reader;
  gpointer reader_data;
  guint depth;
  gboolean root_met;
} GrXmlGuard;

static gboolean
refuse (GError **error, const char *why)
{
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
               "Cannot read gluster output: %s", why);
  return FALSE;
}

static void
refuse_malformed (GMarkupParseContext *context, GError **error, const char *why)
{
  int line;

  g_markup_parse_context_get_position (context, &line, NULL);
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
               "Cannot read gluster output: malformed XML at line %d (%s)",
               line, why);
}

/* GMarkup reads text with a NUL in it as if the NUL were not there. */
static gboolean
check_input (const char *data, gsize len, GError **error)
{
  gsize i = 0;

  if (len > GR_XML_MAX_SIZE)
    return refuse (error, "larger than 16 MiB");
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  if (i == len)
    return refuse (error, "empty");
  if (data[i] != '<')
    return refuse (error, "not XML");
  if (memchr (data + i, '\0', len - i) != NULL)
    return refuse (error, "malformed XML (a NUL byte)");
  return TRUE;
}

/* GMarkup takes any number of root elements, and any depth. */
static void
on_start (GMarkupParseContext *context,
          const char *name,
          const char **attribute_names,
          const char **attribute_values,
          gpointer data,
          GError **error)
{
  GrXmlGuard *guard = data;

  if (guard->depth == 0 && guard->root_met)
    refuse_malformed (context, error, "a second root element");
  else if (guard->depth == GR_XML_MAX_DEPTH)
    refuse_malformed (context, error, "elements nested too deep");
  else
    {
      guard->depth++;
      guard->root_met = TRUE;
      guard->reader->start_element (context, name, attribute_names,
                                    attribute_values, guard->reader_data,
                                    error);
    }
}

static void
on_end (GMarkupParseContext *context,
        const char *name,
        gpointer data,
        GError **error)
{
  GrXmlGuard *guard = data;

  guard->depth--;
  guard->reader->end_element (context, name, guard->reader_data, error);
}

static void
on_text (GMarkupParseContext *context,
         const char *text,
         gsize len,
         gpointer data,
         GError **error)
{
  GrXmlGuard *guard = data;

  /* GMarkup reports the nothing between two tags too. */
  if (len > 0)
    guard->reader->text (context, text, len, guard->reader_data, error);
}

/* Comments, processing instructions and the DOCTYPE; CDATA sections are
 * given to on_text() (G_MARKUP_TREAT_CDATA_AS_TEXT). */
static void
on_passthrough (GMarkupParseContext *context,
                const char *text,
                gsize len,
                gpointer data,
                GError **error)
{
  if (len >= 9 && memcmp (text, "<!DOCTYPE", 9) == 0)
    refuse (error, "a DOCTYPE is not allowed");
}

static const GMarkupParser guarded = {
  on_start, on_end, on_text, on_passthrough, NULL,
};

/* GMarkup's messages start with the position; ours say the line once. */
static const char *
markup_reason (const GError *failure)
{
  const char *reason = strstr (failure->message, ": ");

  return reason ? reason + 2 : failure->message;
}

/* A callback's own refusal goes on as it is; GMarkup's errors are said
 * the way the rest of the service says them. */
static gboolean
report (GMarkupParseContext *context,
        GError *failure,
        gboolean at_end,
        GError **error)
{
  if (failure->domain != G_MARKUP_ERROR)
    g_propagate_error (error, failure);
  else
    {
      if (at_end)
        g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                     "Cannot read gluster output: truncated XML (%s)",
                     markup_reason (failure));
      else
        refuse_malformed (context, error, markup_reason (failure));
      g_error_free (failure);
    }
  return FALSE;
}

gboolean
gr_xml_guard_parse (const GMarkupParser *parser,
                    const char *data,
                    gsize len,
                    gpointer user_data,
                    GError **error)
{
  GrXmlGuard guard = { parser, user_data };
  g_autoptr (GMarkupParseContext) context = NULL;
  GError *failure = NULL;

  if (!check_input (data, len, error))
    return FALSE;
  context = g_markup_parse_context_new (&guarded, G_MARKUP_TREAT_CDATA_AS_TEXT,
                                        &guard, NULL);
  if (!g_markup_parse_context_parse (context, data, (gssize) len, &failure))
    return report (context, failure, FALSE, error);
  if (!g_markup_parse_context_end_parse (context, &failure))
    return report (context, failure, TRUE, error);
  if (!guard.root_met)
    return refuse (error, "truncated XML (no root element)");
  return TRUE;
}
