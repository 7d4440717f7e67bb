/* georepd: libxml2 under the rules every reader of the gluster CLI's XML
 * obeys (see gr-xml-core.h).
 *
 * gluster never prints a DOCTYPE, so a document carrying one is refused
 * as soon as libxml2 meets its name, before the internal subset is read:
 * its entity declarations (billion laughs, external entities) are never
 * looked at. Without a DTD only the five predefined entities and
 * character references exist; any other reference is an error in
 * libxml2. The handler has no callback that builds a document, so no
 * tree is made. */
#include <libxml/parser.h>
#include <libxml/parserInternals.h> /* xmlCreateMemoryParserCtxt */

#include "gr-error.h"
#include "gr-xml-core.h"

/* Nothing but "no network": no XML_PARSE_NOENT, DTDLOAD, DTDATTR,
 * DTDVALID or HUGE. Not XML_PARSE_NOBLANKS either: it would put
 * libxml2's own handler for white space in place of ours, and the
 * readers strip white space themselves. */
#define GR_XML_OPTIONS XML_PARSE_NONET

/* What one parse learns, through ctxt->_private. */
typedef struct {
  const GrXmlReaderCallbacks *callbacks;
  gpointer user_data;
  xmlParserCtxt *ctxt;
  guint depth;
  GError *refusal;       /* ours or a callback's: the parse stopped there */
  gboolean errored;      /* libxml2 reported an error */
  gboolean error_at_end; /* the first one came where the input ended */
  int error_line;
  char *error_message;
} GrXmlReader;

static void
init_libxml (void)
{
  static gsize initialized = 0;

  /* The first call is not thread-safe in every libxml2 version. */
  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

static GrXmlReader *
reader_of (void *ctx)
{
  xmlParserCtxt *ctxt = ctx;

  return ctxt->_private;
}

static gboolean
refuse (GError **error, const char *why)
{
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
               "Cannot read gluster output: %s", why);
  return FALSE;
}

/* Ends the parse; @why, when not NULL, says why unless a callback
 * already did. */
static void
stop (GrXmlReader *reader, const char *why)
{
  if (reader->refusal == NULL && why != NULL)
    refuse (&reader->refusal, why);
  xmlStopParser (reader->ctxt);
}

static void
on_doctype (void *ctx,
            const xmlChar *name,
            const xmlChar *external_id,
            const xmlChar *system_id)
{
  stop (reader_of (ctx), "a DOCTYPE is not allowed");
}

/* Unreachable without a DOCTYPE; refused all the same. */
static void
on_entity_decl (void *ctx,
                const xmlChar *name,
                int type,
                const xmlChar *public_id,
                const xmlChar *system_id,
                xmlChar *content)
{
  stop (reader_of (ctx), "an entity declaration is not allowed");
}

/* The element's name as written: gluster uses no namespace, and
 * "x:opRet" is not opRet. Allocates only for a prefixed name. */
static const char *
qualified_name (const xmlChar *localname,
                const xmlChar *prefix,
                char **allocated)
{
  if (prefix == NULL)
    return (const char *) localname;
  *allocated =
      g_strconcat ((const char *) prefix, ":", (const char *) localname, NULL);
  return *allocated;
}

static void
on_start (void *ctx,
          const xmlChar *localname,
          const xmlChar *prefix,
          const xmlChar *uri,
          int n_namespaces,
          const xmlChar **namespaces,
          int n_attributes,
          int n_defaulted,
          const xmlChar **attributes)
{
  GrXmlReader *reader = reader_of (ctx);
  g_autofree char *allocated = NULL;

  if (reader->depth == GR_XML_MAX_DEPTH)
    {
      stop (reader, "elements nested too deep");
      return;
    }
  reader->depth++;
  reader->callbacks->start (reader->user_data,
                            qualified_name (localname, prefix, &allocated),
                            &reader->refusal);
  if (reader->refusal != NULL)
    stop (reader, NULL);
}

static void
on_end (void *ctx,
        const xmlChar *localname,
        const xmlChar *prefix,
        const xmlChar *uri)
{
  GrXmlReader *reader = reader_of (ctx);
  g_autofree char *allocated = NULL;

  reader->depth--;
  reader->callbacks->end (reader->user_data,
                          qualified_name (localname, prefix, &allocated),
                          &reader->refusal);
  if (reader->refusal != NULL)
    stop (reader, NULL);
}

static void
on_text (void *ctx, const xmlChar *text, int len)
{
  GrXmlReader *reader = reader_of (ctx);

  reader->callbacks->text (reader->user_data, (const char *) text, (gsize) len);
}

/* Errors reach the GError only, never stderr. The position of the first
 * one tells a truncated document from a broken one; by the end of the
 * parse the parser has moved on. */
#if LIBXML_VERSION >= 21200
static void
on_error (void *ctx, const xmlError *error)
#else
static void
on_error (void *ctx, xmlError *error)
#endif
{
  xmlParserCtxt *ctxt = ctx;
  GrXmlReader *reader = reader_of (ctx);

  if (reader->errored || error->level < XML_ERR_ERROR)
    return;
  reader->errored = TRUE;
  reader->error_at_end =
      ctxt->input != NULL && ctxt->input->cur >= ctxt->input->end;
  reader->error_line = error->line;
  reader->error_message =
      g_strdup (error->message ? error->message : "unknown error");
  g_strstrip (g_strdelimit (reader->error_message, "\r\n", ' '));
}

static const xmlSAXHandler handler = {
  .initialized = XML_SAX2_MAGIC,
  .internalSubset = on_doctype,
  .externalSubset = on_doctype,
  .entityDecl = on_entity_decl,
  .startElementNs = on_start,
  .endElementNs = on_end,
  .characters = on_text,
  .ignorableWhitespace = on_text,
  .cdataBlock = on_text,
  .serror = on_error,
};

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
  return TRUE;
}

/* Our refusal first: the parse stopped there, so what libxml2 says
 * after it is only a consequence. */
static gboolean
report (GrXmlReader *reader, GError **error)
{
  if (reader->refusal != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&reader->refusal));
      return FALSE;
    }
  if (!reader->errored && reader->ctxt->wellFormed)
    return TRUE;
  if (reader->error_at_end || !reader->errored)
    g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                 "Cannot read gluster output: truncated XML (%s)",
                 reader->error_message ? reader->error_message : "no end");
  else
    g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                 "Cannot read gluster output: malformed XML at line %d (%s)",
                 reader->error_line, reader->error_message);
  return FALSE;
}

gboolean
gr_xml_reader_parse (const GrXmlReaderCallbacks *callbacks,
                     const char *data,
                     gsize len,
                     gpointer user_data,
                     GError **error)
{
  GrXmlReader reader = { callbacks, user_data };
  gboolean ok;

  if (!check_input (data, len, error))
    return FALSE;
  init_libxml ();
  /* The size fits an int: GR_XML_MAX_SIZE is 16 MiB. */
  reader.ctxt = xmlCreateMemoryParserCtxt (data, (int) len);
  if (reader.ctxt == NULL)
    return refuse (error, "out of memory");
  *reader.ctxt->sax = handler;
  xmlCtxtUseOptions (reader.ctxt, GR_XML_OPTIONS);
  reader.ctxt->_private = &reader;
  xmlParseDocument (reader.ctxt);
  ok = report (&reader, error);
  /* Our handlers build no tree, but libxml2 makes a document of its own
   * to hold an entity declared before the DOCTYPE refusal stopped the
   * parse, and the context does not free it (found by fuzz-xml-config). */
  if (reader.ctxt->myDoc != NULL)
    {
      xmlFreeDoc (reader.ctxt->myDoc);
      reader.ctxt->myDoc = NULL;
    }
  xmlFreeParserCtxt (reader.ctxt);
  g_clear_error (&reader.refusal);
  g_free (reader.error_message);
  return ok;
}
