/* georepd: safe reading of the gluster CLI's XML, the cliOutput envelope
 * and the small helpers the gr-xml-*.c parsers share.
 *
 * gluster never prints a DOCTYPE, so a document carrying one is refused
 * as soon as the parser meets it: its entity declarations (billion
 * laughs, external entities) are never even read. */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "gr-error.h"
#include "gr-xml.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)

#define GR_XML_OPTIONS                                                         \
  (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

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

/* What the SAX callbacks saw, through ctxt->_private. */
typedef struct {
  gboolean doctype;
  gboolean errored;
  gboolean error_at_end; /* the first error came where the input ended */
  int error_line;
  char *error_message;
} GrXmlReadState;

static void
on_doctype (void *user_data,
            const xmlChar *name,
            const xmlChar *external_id,
            const xmlChar *system_id)
{
  xmlParserCtxt *ctxt = user_data;
  GrXmlReadState *state = ctxt->_private;

  state->doctype = TRUE;
  xmlStopParser (ctxt);
}

/* Errors are reported through the GError only, never on stderr. The
 * position of the first one tells a truncated document from a broken
 * one; by the end of parsing the parser has moved on. */
#if LIBXML_VERSION >= 21200
static void
on_structured_error (void *user_data, const xmlError *error)
#else
static void
on_structured_error (void *user_data, xmlError *error)
#endif
{
  xmlParserCtxt *ctxt = user_data;
  GrXmlReadState *state = ctxt->_private;

  if (state->errored || error->level < XML_ERR_ERROR)
    return;
  state->errored = TRUE;
  state->error_at_end =
      ctxt->input != NULL && ctxt->input->cur >= ctxt->input->end;
  state->error_line = error->line;
  state->error_message =
      g_strdup (error->message ? error->message : "unknown error");
  g_strstrip (g_strdelimit (state->error_message, "\r\n", ' '));
}

static gboolean
refuse (GError **error, const char *why)
{
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
               "Cannot read gluster output: %s", why);
  return FALSE;
}

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

static void
report_parse_error (GrXmlReadState *state, GError **error)
{
  const char *message =
      state->error_message ? state->error_message : "unknown error";

  if (state->error_at_end)
    g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                 "Cannot read gluster output: truncated XML (%s)", message);
  else
    g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                 "Cannot read gluster output: malformed XML at line %d (%s)",
                 state->error_line, message);
}

static xmlDoc *
parse (xmlParserCtxt *ctxt, GError **error)
{
  g_autoptr (xmlDoc) doc = NULL;
  g_autofree char *message = NULL;
  GrXmlReadState state = { 0 };

  xmlCtxtUseOptions (ctxt, GR_XML_OPTIONS);
  ctxt->sax->internalSubset = on_doctype;
  ctxt->sax->serror = on_structured_error;
  ctxt->_private = &state;
  xmlParseDocument (ctxt);
  message = state.error_message;
  doc = g_steal_pointer (&ctxt->myDoc);
  if (state.doctype)
    refuse (error, "a DOCTYPE is not allowed");
  else if (!ctxt->wellFormed || doc == NULL)
    report_parse_error (&state, error);
  else
    return g_steal_pointer (&doc);
  return NULL;
}

xmlDoc *
gr_xml_read (const char *data, gsize len, GError **error)
{
  g_autoptr (xmlParserCtxt) ctxt = NULL;

  if (!check_input (data, len, error))
    return NULL;
  init_libxml ();
  ctxt = xmlCreateMemoryParserCtxt (data, (int) len);
  if (ctxt == NULL)
    {
      refuse (error, "out of memory");
      return NULL;
    }
  return parse (ctxt, error);
}

xmlNode *
gr_xml_root (xmlDoc *doc, const char *name, GError **error)
{
  xmlNode *root = doc ? xmlDocGetRootElement (doc) : NULL;

  if (root == NULL || !xmlStrEqual (root->name, (const xmlChar *) name))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "Unexpected gluster output: the root element is not <%s>",
                   name);
      return NULL;
    }
  return root;
}

xmlNode *
gr_xml_cli_section (xmlDoc *doc, const char *name, GError **error)
{
  xmlNode *root = gr_xml_root (doc, "cliOutput", error);
  xmlNode *section = root ? gr_xml_child (root, name) : NULL;

  if (root != NULL && section == NULL)
    g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                 "Unexpected gluster output: no <%s>", name);
  return section;
}

static gboolean
is_element (xmlNode *node, const char *name)
{
  return node->type == XML_ELEMENT_NODE &&
         xmlStrEqual (node->name, (const xmlChar *) name);
}

xmlNode *
gr_xml_next (xmlNode *node, const char *name)
{
  for (node = node ? node->next : NULL; node != NULL; node = node->next)
    if (is_element (node, name))
      return node;
  return NULL;
}

xmlNode *
gr_xml_child (xmlNode *parent, const char *name)
{
  if (parent == NULL || parent->children == NULL)
    return NULL;
  if (is_element (parent->children, name))
    return parent->children;
  return gr_xml_next (parent->children, name);
}

char *
gr_xml_text (xmlNode *node)
{
  GString *text = g_string_new (NULL);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if ((child->type == XML_TEXT_NODE ||
         child->type == XML_CDATA_SECTION_NODE) &&
        child->content != NULL)
      g_string_append (text, (const char *) child->content);
  return g_strstrip (g_string_free (text, FALSE));
}

char *
gr_xml_child_text (xmlNode *parent, const char *name)
{
  xmlNode *child = gr_xml_child (parent, name);

  return child ? gr_xml_text (child) : NULL;
}

char *
gr_xml_child_text_any (xmlNode *parent, const char *name, const char *old_name)
{
  char *text = gr_xml_child_text (parent, name);

  return text ? text : gr_xml_child_text (parent, old_name);
}

guint64
gr_xml_child_uint64 (xmlNode *parent, const char *name)
{
  g_autofree char *text = gr_xml_child_text (parent, name);
  guint64 value = 0;

  if (text == NULL ||
      !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &value, NULL))
    return 0;
  return value;
}

/* Exactly "YYYY-MM-DD HH:MM:SS": sscanf alone would accept signs,
 * spaces and trailing junk. */
static gboolean
has_time_shape (const char *text)
{
  static const char shape[] = "dddd-dd-dd dd:dd:dd";

  if (strlen (text) != sizeof shape - 1)
    return FALSE;
  for (gsize i = 0; shape[i]; i++)
    if (shape[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != shape[i])
      return FALSE;
  return TRUE;
}

guint64
gr_xml_parse_time (const char *text)
{
  g_autoptr (GDateTime) time = NULL;
  int year, month, day, hour, minute, second;

  if (text == NULL || !has_time_shape (text) ||
      sscanf (text, "%d-%d-%d %d:%d:%d", &year, &month, &day, &hour, &minute,
              &second) != 6)
    return 0;
  /* gsyncd formats these with utcfromtimestamp(), whatever the TZ. */
  time = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (time == NULL || g_date_time_to_unix (time) < 0)
    return 0;
  return (guint64) g_date_time_to_unix (time);
}

gboolean
gr_xml_is_name (const char *text)
{
  if (text == NULL || *text == '\0' || *text == '-')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;
  return TRUE;
}

static gboolean
read_int (xmlNode *root, const char *name, int *value, GError **error)
{
  g_autofree char *text = gr_xml_child_text (root, name);
  gint64 number = 0;

  if (text != NULL && *text != '\0' &&
      !g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &number, NULL))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "Unexpected gluster output: <%s> is not a number", name);
      return FALSE;
    }
  *value = (int) number;
  return TRUE;
}

gboolean
gr_xml_cli_status (xmlDoc *doc, GrCliStatus *status, GError **error)
{
  xmlNode *root = gr_xml_root (doc, "cliOutput", error);

  memset (status, 0, sizeof *status);
  if (root == NULL || !read_int (root, "opRet", &status->op_ret, error) ||
      !read_int (root, "opErrno", &status->op_errno, error))
    return FALSE;
  status->op_errstr = gr_xml_child_text (root, "opErrstr");
  if (status->op_errstr == NULL)
    status->op_errstr = g_strdup ("");
  return TRUE;
}

void
gr_cli_status_clear (GrCliStatus *status)
{
  g_clear_pointer (&status->op_errstr, g_free);
  status->op_ret = 0;
  status->op_errno = 0;
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
