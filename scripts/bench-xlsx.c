/* The export baseline of scripts/bench: libxlsxwriter called from C, writing the cells tonghop's
 * workbooks hold for the same data (dumped by bench.py from the stage files), one sheet per dump.
 * Usage: bench-xlsx OUT.xlsx SHEET.tsv...  Each line of a dump is a row; cells are separated by
 * tabs; a cell "n:VALUE" is a number, "s:TEXT" a string, "e:" an empty cell (not written). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s OUT.xlsx SHEET.tsv...\n", argv[0]);
    return 2;
  }
  lxw_workbook *book = workbook_new(argv[1]);
  if (!book) return 1;
  char *line = NULL;
  size_t capacity = 0;
  for (int i = 2; i < argc; i++) {
    FILE *in = fopen(argv[i], "r");
    if (!in) { perror(argv[i]); return 1; }
    lxw_worksheet *sheet = workbook_add_worksheet(book, NULL);
    lxw_row_t row = 0;
    ssize_t length;
    while ((length = getline(&line, &capacity, in)) > 0) {
      if (line[length - 1] == '\n') line[length - 1] = '\0';
      lxw_col_t col = 0;
      for (char *cell = strtok(line, "\t"); cell; cell = strtok(NULL, "\t"), col++) {
        if (cell[0] == 'e') continue;
        lxw_error error = cell[0] == 'n' ? worksheet_write_number(sheet, row, col, strtod(cell + 2, NULL), NULL)
                                         : worksheet_write_string(sheet, row, col, cell + 2, NULL);
        if (error) { fprintf(stderr, "%s\n", lxw_strerror(error)); return 1; }
      }
      row++;
    }
    fclose(in);
  }
  free(line);
  return workbook_close(book) == LXW_NO_ERROR ? 0 : 1;
}
