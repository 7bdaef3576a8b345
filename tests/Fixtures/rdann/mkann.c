/* Writes, with libwfdb itself, annotation files that exercise what its reader does:
   100.cus: MIT format, time resolution 1000 ticks/s (record: 360 Hz), a table defining codes 42 (X) and 45 (Y);
   100.aha: AHA format. Both hold 100.atr's annotations, every third N re-coded 42, the 10th annotation 45. */
#include <stdio.h>
#include <wfdb/wfdb.h>
#include <wfdb/ecgcodes.h>
int main(void)
{
    WFDB_Anninfo ai[3] = { {"atr", WFDB_READ}, {"cus", WFDB_WRITE}, {"aha", WFDB_AHA_WRITE} };
    WFDB_Annotation a;
    long k = 0, n = 0;
    if (annopen("100", ai, 3) < 0) return 1;
    setannstr(42, "X"); setanndesc(42, "custom beat kind");
    setannstr(45, "Y");
    setafreq(1000.);
    while (getann(0, &a) == 0) {
        WFDB_Annotation b = a;
        if (a.anntyp == NORMAL && k++ % 3 == 1) b.anntyp = 42;
        if (++n == 10) b.anntyp = 45;
        if (putann(1, &b) < 0) return 2;   /* AHA: sample times */
        b.time = (WFDB_Time)(a.time * 1000.0 / 360.0 + 0.5);
        if (putann(0, &b) < 0) return 3;
    }
    wfdbquit();
    return 0;
}
