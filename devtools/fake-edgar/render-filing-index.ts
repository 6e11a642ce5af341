/**
 * The filing index page, `/Archives/edgar/data/<cik>/<folder>/<accession>-index.htm`, in the
 * shape of EDGAR's: a form header, filing date / accepted / period, the "Document Format Files"
 * table (the primary XML once rendered through the XSL viewer and once raw, then the complete
 * submission text file) and one block per filer with its role.
 */
import type { StoredFiling } from './filing-store';
import { escapeXml as esc } from './render-atom';
import { accessionFolder, entitiesOf, unpaddedCik } from './submission-file';

const FORM_NAMES: Record<string, string> = {
  '3': 'Initial statement of beneficial ownership of securities',
  '3/A': '[Amend] Initial statement of beneficial ownership of securities',
  '4': 'Statement of changes in beneficial ownership of securities',
  '4/A': '[Amend] Statement of changes in beneficial ownership of securities',
  '5': 'Annual statement of changes in beneficial ownership of securities',
  '5/A': '[Amend] Annual statement of changes in beneficial ownership of securities',
};

const isoDate = (d: string): string => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

function acceptedText(dt: string): string {
  return `${isoDate(dt)} ${dt.slice(8, 10)}:${dt.slice(10, 12)}:${dt.slice(12, 14)}`;
}

/** The XSL viewer folder EDGAR uses for ownership XML of the current schema. */
const XSL_FOLDER = 'xslF345X05';

export function renderFilingIndexHtml(f: StoredFiling, cik: string): string {
  const base = `/Archives/edgar/data/${unpaddedCik(cik)}/${accessionFolder(f.accessionNumber)}`;
  const rows: string[] = [];
  let blue = false;
  const row = (seq: string, desc: string, href: string, label: string, type: string, size: string): void => {
    rows.push(
      `<tr${blue ? ' class="blueRow"' : ''}>\n<td scope="row">${seq}</td>\n<td scope="row">${esc(desc)}</td>\n` +
        `<td scope="row"><a href="${esc(href)}">${esc(label)}</a></td>\n<td scope="row">${esc(type)}</td>\n` +
        `<td scope="row">${size}</td>\n</tr>`,
    );
    blue = !blue;
  };
  for (const d of f.documents) {
    const size = String(Buffer.byteLength(d.body, 'latin1'));
    if (d.filename.endsWith('.xml') && /^[345](\/A)?$/.test(d.type)) {
      const html = d.filename.replace(/\.xml$/, '.html');
      row(d.sequence, d.description, `${base}/${XSL_FOLDER}/${d.filename}`, html, d.type, '&nbsp;');
    }
    row(d.sequence, d.description, `${base}/${d.filename}`, d.filename, d.type, size);
  }
  row(
    '&nbsp;',
    'Complete submission text file',
    `${base}/${f.accessionNumber}.txt`,
    `${f.accessionNumber}.txt`,
    '&nbsp;',
    String(f.sizeBytes),
  );

  const filers = entitiesOf(f).map(
    ({ entity, role }) =>
      `<div id="filerDiv">\n<div class="mailer">Mailing Address</div>\n<div class="companyInfo">\n` +
      `<span class="companyName">${esc(entity.name)} (${role})\n<acronym title="Central Index Key">CIK</acronym>: ` +
      `<a href="/cgi-bin/browse-edgar?action=getcompany&amp;CIK=${entity.cik}&amp;owner=include&amp;count=40">${entity.cik} (see all company filings)</a></span>\n` +
      `</div>\n<div class="clear"></div>\n</div>`,
  );
  const formName = FORM_NAMES[f.formType] ?? '';
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>EDGAR Filing Index</title>
</head>
<body style="margin: 0">
<div id="PageTitle">Filing Detail</div>
<div id="formDiv">
<div id="formHeader">
<div id="formName"><strong>Form ${esc(f.formType)}</strong> - ${esc(formName)}:</div>
<div id="secNum"><strong><acronym title="Securities and Exchange Commission">SEC</acronym> Accession <acronym title="Number">No.</acronym></strong> ${f.accessionNumber}</div>
</div>
<div class="formContent">
<div class="formGrouping">
<div class="infoHead">Filing Date</div>
<div class="info">${isoDate(f.filedAsOf)}</div>
<div class="infoHead">Accepted</div>
<div class="info">${acceptedText(f.acceptanceDateTime)}</div>
<div class="infoHead">Documents</div>
<div class="info">${f.documents.length}</div>
</div>
<div class="formGrouping">
<div class="infoHead">Period of Report</div>
<div class="info">${f.periodOfReport ? isoDate(f.periodOfReport) : ''}</div>
</div>
<div style="clear:both"></div>
</div>
</div>
<div id="formDiv">
<div style="padding: 0px 0px 4px 0px; font-size: 12px; margin: 0px 2px 0px 5px; width: 100%; overflow:hidden">
<p>Document Format Files</p>
<table class="tableFile" summary="Document Format Files">
<tr>
<th scope="col" style="width: 5%;"><acronym title="Sequence Number">Seq</acronym></th>
<th scope="col" style="width: 40%;">Description</th>
<th scope="col" style="width: 20%;">Document</th>
<th scope="col" style="width: 10%;">Type</th>
<th scope="col">Size</th>
</tr>
${rows.join('\n')}
</table>
</div>
</div>
${filers.join('\n')}
</body>
</html>
`;
}
