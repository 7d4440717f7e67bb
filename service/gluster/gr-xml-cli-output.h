/* georepd: one pass over a cliOutput document with libxml2, under
 * the rules for untrusted input (gr-xml-core.h), for every parser of the
 * gluster CLI's XML (gr-xml-*.c).
 *
 * A parser names the elements it wants by their path, as rules: under an
 * element of kind P, a child called N (or any child) is of kind K. Any
 * other element is skipped with all that is inside it. The reader here
 * checks the root, reads the cliOutput envelope, gathers the text of the
 * elements that want it, and tells the parser when one of its elements
 * starts and ends. It allocates nothing per element. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The cliOutput envelope; missing fields read as 0 / "". */
typedef struct {
  int op_ret;
  int op_errno;
  char *op_errstr;
} GrCliStatus;

/* Reads only the envelope of untrusted CLI output, for the commands
 * whose answer says no more than whether they succeeded. FALSE with
 * GR_ERROR_FAILED, and @status cleared, when the output cannot be read
 * (see GrXmlAnswerReader), the root is not cliOutput or opRet or opErrno
 * is not a number. */
gboolean gr_xml_cli_status (const char *data,
                            gsize len,
                            GrCliStatus *status,
                            GError **error);
void gr_cli_status_clear (GrCliStatus *status);

/* One pass over untrusted `gluster --xml` output. Fills @envelope
 * (opRet, opErrno, opErrstr of cliOutput; see GrCliStatus)
 * and returns the data, empty when there is none (e.g. opRet != 0).
 * NULL with GR_ERROR_FAILED when the output is not a well-formed cliOutput
 * document, is larger than GR_XML_MAX_SIZE, or has a DOCTYPE; also when
 * opRet is 0 but the answer lacks the command's section (<volInfo>,
 * <geoRep>, <config>, <volList>). @envelope may be NULL; on failure it
 * is left cleared, else the caller clears it with gr_cli_status_clear(). */
typedef gpointer (*GrXmlAnswerReader) (const char *data,
                                       gsize len,
                                       GrCliStatus *envelope,
                                       GError **error);

/* Kinds are small numbers, so that a parent can remember in a bitmask
 * which of its children it has met. */
#define GR_XML_SAX_MAX_KINDS 64

enum {
  GR_XML_SKIPPED,    /* no rule names it: it and all inside are skipped */
  GR_XML_DOCUMENT,   /* above the root element */
  GR_XML_CLI_OUTPUT, /* the root element */
  GR_XML_OP_RET,
  GR_XML_OP_ERRNO,
  GR_XML_OP_ERRSTR,
  GR_XML_FIRST_KIND, /* a parser numbers its own kinds from here */
};

/* Which children of that name count: for single values the first one,
 * as the DOM parsers that came before read them. */
typedef enum {
  GR_XML_EACH,      /* every one */
  GR_XML_FIRST,     /* the first one only */
  GR_XML_FIRST_OLD, /* the <= 9 name of a kind that has a new name too:
                     * its first one, unless the new name comes as well,
                     * which then wins wherever it stands */
} GrXmlOccurs;

typedef struct {
  guint parent;
  const char *name; /* NULL: any child without a rule of its own */
  guint kind;
  GrXmlOccurs occurs;
  gboolean text; /* end() gets the text directly inside the element */
} GrXmlRule;

typedef struct {
  const GrXmlRule *rules;
  guint n_rules;
  /* The kind that holds the data: a document without it is refused
   * unless opRet says the command failed. GR_XML_CLI_OUTPUT when the
   * envelope is all there is to read. */
  guint section;
  /* Both get the parser's own state; start() may be NULL. end() gets the
   * element's name and, for a rule with text, the text directly inside
   * the element with the white space around it stripped, else NULL; the
   * parser may change the text but not keep it. */
  void (*start) (gpointer parser, guint kind);
  void (*end) (gpointer parser, guint kind, const char *name, char *text);
  /* name → rule, per parent kind, and the rule for any other child:
   * made on first use */
  GHashTable *children[GR_XML_SAX_MAX_KINDS];
  const GrXmlRule *any_child[GR_XML_SAX_MAX_KINDS];
  gsize ready;
} GrXmlSchema;

/* One pass over @data. Fills @envelope (may be NULL) with opRet, opErrno
 * and opErrstr, missing ones read as 0 and ""; on failure leaves it
 * cleared, and returns FALSE with GR_ERROR_FAILED: the document is not
 * read (gr_xml_reader_parse()), its root is not <cliOutput>, opRet or
 * opErrno is not a number, or the section is missing. */
gboolean gr_xml_sax_parse (GrXmlSchema *schema,
                           const char *data,
                           gsize len,
                           gpointer parser,
                           GrCliStatus *envelope,
                           GError **error);

/* Replaces the string in @field with a copy of @text. */
void gr_xml_sax_set (char **field, const char *text);

G_END_DECLS
