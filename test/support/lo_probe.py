#!/usr/bin/env python3
"""What LibreOffice itself sees in generated workbooks, through UNO (Debian's python3-uno).

Reads a JSON job on stdin:
  {"files": [{"path": "...", "fill": {"G5": 1.5, "F5": "text"}, "sheet": "name", "tryEmptyPassword": true}]}
Starts ONE private headless soffice (fresh profile that recalculates on load, own pipe name), and for each file:
loads a private copy, reports every sheet (name, visible, protected), for the sheet named "sheet": the used range's
values and formulas, cell-format ranges with their protection and validation, conditional formats; the document's
custom properties; if asked ("pdf": a path), exports the document to PDF as loaded; then writes the "fill" values into their cells, recalculates (calculateAll) and reports the
values again; with "saveAs", saves the filled workbook there as .xlsx (LibreOffice's own "Calc MS Excel 2007 XML"
export: a returned sheet as a unit using LibreOffice sends it); finally, if asked, whether unprotect("") is accepted
and then whether unprotect(<"password">) is accepted (a wrong password leaves the sheet protected; the right one
must unprotect it). Prints one JSON object.
Exit: 0 ok; 1 LibreOffice failed; 3 no uno module.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import uno
    from com.sun.star.beans import PropertyValue
except ImportError:
    sys.stderr.write("lo_probe: no 'uno' module (apt-get install python3-uno; run with /usr/bin/python3)\n")
    sys.exit(3)

XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def pv(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def used_area(sh):
    cur = sh.createCursor()
    cur.gotoEndOfUsedArea(False)
    ra = cur.RangeAddress
    return ra.EndRow, ra.EndColumn


def values(sh):
    end_row, end_col = used_area(sh)
    rng = sh.getCellRangeByPosition(0, 0, end_col, end_row)
    return [list(r) for r in rng.getDataArray()], [list(r) for r in rng.getFormulaArray()]


def enum_name(v):
    return getattr(v, "value", str(v))


def format_ranges(sh):
    out = []
    for i in range(sh.UniqueCellFormatRanges.getCount()):
        r = sh.UniqueCellFormatRanges.getByIndex(i)
        v = r.Validation
        entry = {"ranges": r.getRangeAddressesAsString(), "locked": bool(r.CellProtection.IsLocked)}
        if enum_name(v.Type) == "ANY" and v.ShowInputMessage and v.InputMessage:
            # Any value, with an input message only (e.g. the rule of 完成情况).
            entry["validation"] = {"type": "ANY", "inputTitle": v.InputTitle, "inputMessage": v.InputMessage}
        elif enum_name(v.Type) != "ANY":
            entry["validation"] = {
                "type": enum_name(v.Type), "operator": enum_name(v.Operator),
                "formula1": v.getFormula1(), "formula2": v.getFormula2(),
                "showError": bool(v.ShowErrorMessage), "errorStyle": enum_name(v.ErrorAlertStyle),
                "errorTitle": v.ErrorTitle, "errorMessage": v.ErrorMessage, "ignoreBlank": bool(v.IgnoreBlankCells),
            }
        out.append(entry)
    return out


def conditional_formats(sh):
    cfs = []
    for f in sh.ConditionalFormats.ConditionalFormats:
        entries = []
        for k in range(f.getCount()):
            e = f.getByIndex(k)
            entries.append({"formula1": str(getattr(e, "Formula1", "")), "style": str(getattr(e, "StyleName", ""))})
        cfs.append({"range": f.Range.getRangeAddressesAsString() if f.Range else "", "entries": entries})
    return cfs


def custom_properties(doc):
    udp = doc.DocumentProperties.UserDefinedProperties
    return {p.Name: str(udp.getPropertyValue(p.Name)) for p in udp.PropertySetInfo.Properties}


def probe_file(desktop, work, job, index):
    src = os.path.join(work, "in%d%s" % (index, os.path.splitext(job["path"])[1] or ".xlsx"))
    shutil.copyfile(job["path"], src)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (pv("Hidden", True),))
    if doc is None:
        return {"path": job["path"], "error": "could not load"}
    try:
        res = {"path": job["path"], "sheets": [], "properties": custom_properties(doc)}
        for i in range(doc.Sheets.Count):
            sh = doc.Sheets.getByIndex(i)
            res["sheets"].append({"name": sh.Name, "visible": bool(sh.IsVisible), "protected": bool(sh.isProtected())})
        name = job.get("sheet") or doc.Sheets.getByIndex(0).Name
        sh = doc.Sheets.getByName(name)
        res["values"], res["formulas"] = values(sh)
        res["formatRanges"] = format_ranges(sh)
        res["conditionalFormats"] = conditional_formats(sh)
        meta = job.get("metaSheet")
        if meta and doc.Sheets.hasByName(meta):
            res["metaValues"] = values(doc.Sheets.getByName(meta))[0]
        if job.get("pdf"):
            # As printed from LibreOffice: the document's own print ranges, page setup, header and footer.
            doc.storeToURL(uno.systemPathToFileUrl(job["pdf"]), (pv("FilterName", "calc_pdf_Export"),))
            res["pdf"] = job["pdf"]
        fill = job.get("fill") or {}
        if fill:
            for address, value in fill.items():
                cell = sh.getCellRangeByName(address)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    cell.setValue(value)
                else:
                    cell.setString(str(value))
            doc.calculateAll()
            res["filledValues"] = values(sh)[0]
        if job.get("saveAs"):
            doc.storeToURL(uno.systemPathToFileUrl(job["saveAs"]), (pv("FilterName", "Calc MS Excel 2007 XML"),))
        if job.get("tryEmptyPassword") and sh.isProtected():
            try:
                sh.unprotect("")
                res["emptyPasswordAccepted"] = True
            except Exception:
                res["emptyPasswordAccepted"] = False
        if job.get("password") is not None and sh.isProtected():
            try:
                sh.unprotect(job["password"])
                res["passwordAccepted"] = not sh.isProtected()
            except Exception:
                res["passwordAccepted"] = False
        return res
    finally:
        doc.close(True)


def main():
    job = json.load(sys.stdin)
    work = tempfile.mkdtemp(prefix="ts-lo-probe.")
    os.makedirs(os.path.join(work, "profile", "user"))
    with open(os.path.join(work, "profile", "user", "registrymodifications.xcu"), "w") as f:
        f.write(XCU)
    pipe = "ts_lo_probe_%d_%d" % (os.getpid(), int(time.time() * 1000) % 1000000)
    proc = subprocess.Popen(
        [os.environ.get("SOFFICE", "soffice"), "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.join(work, "profile")),
         "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
         "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, HOME=work), start_new_session=True)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        deadline = time.time() + float(job.get("startTimeout", 60))
        while ctx is None:
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            except Exception:
                if time.time() > deadline or proc.poll() is not None:
                    sys.stderr.write("lo_probe: LibreOffice did not start\n")
                    return 1
                time.sleep(0.2)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        results = [probe_file(desktop, work, f, i) for i, f in enumerate(job["files"])]
        json.dump({"files": results}, sys.stdout, ensure_ascii=False)
        try:
            desktop.terminate()
        except Exception:
            pass
        return 0
    finally:
        try:
            proc.wait(timeout=10)
        except Exception:
            os.killpg(proc.pid, 9)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
