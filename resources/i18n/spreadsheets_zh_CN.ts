<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ExportMembersDialog</name>
    <message>
        <source>Export the case list</source>
        <translation>导出档案名单</translation>
    </message>
    <message>
        <source>Counting the case files…</source>
        <translation>正在统计档案数…</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (.csv)</source>
        <translation>CSV，UTF-8（.csv）</translation>
    </message>
    <message>
        <source>Left blank for members without the sensitive-information consent.</source>
        <translation>未同意处理敏感信息的会员，此列留空。</translation>
    </message>
    <message>
        <source>Full names, ID numbers and mobiles (unmasked)</source>
        <translation>完整姓名、身份证号和手机号（不脱敏）</translation>
    </message>
    <message>
        <source>Your role may export masked data only.</source>
        <translation>您的角色只能导出脱敏数据。</translation>
    </message>
    <message>
        <source>Masked by default: 张*, 320***********001X, 138****5678.</source>
        <translation>默认脱敏：张*、320***********001X、138****5678。</translation>
    </message>
    <message>
        <source>Why is this export needed? (recorded in the audit log)</source>
        <translation>为什么需要导出？（记入审计日志）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>{n} case files match the current list filter.</source>
        <translation>当前列表筛选条件下共 {n} 份档案。</translation>
    </message>
    <message>
        <source>The case files could not be counted.</source>
        <translation>无法统计档案数。</translation>
    </message>
    <message>
        <source>An unmasked export needs a reason; it is recorded in the audit log with the export.</source>
        <translation>导出不脱敏数据须填写理由，理由随导出记录一并记入审计日志。</translation>
    </message>
    <message>
        <source>More than {threshold} rows: a reason is needed even for a masked export; it is recorded in the audit log.</source>
        <translation>超过 {threshold} 行：即使脱敏导出也须填写理由，理由记入审计日志。</translation>
    </message>
    <message>
        <source>Every export is recorded in the audit log (who, when, which columns, how many rows).</source>
        <translation>每次导出都记入审计日志（何人、何时、哪些列、多少行）。</translation>
    </message>
    <message>
        <source>case-list</source>
        <translation>会员名单</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Choose at least one column.</source>
        <translation>请至少选择一列。</translation>
    </message>
    <message>
        <source>Choose where to save the file.</source>
        <translation>请选择文件保存位置。</translation>
    </message>
    <message>
        <source>Please type the reason for this export (at least two characters).</source>
        <translation>请填写本次导出的理由（至少两个字）。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exporting the case list</source>
        <translation>正在导出档案名单</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>已脱敏</translation>
    </message>
    <message>
        <source>unmasked</source>
        <translation>未脱敏</translation>
    </message>
    <message>
        <source>{n} rows exported ({kind}) to {path}</source>
        <translation>已导出 {n} 行（{kind}）到 {path}</translation>
    </message>
    <message>
        <source>The export was cancelled: no file was written.</source>
        <translation>导出已取消，未生成文件。</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>无法写入文件：{reason}</translation>
    </message>
    <message>
        <source>The export failed.</source>
        <translation>导出失败。</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Case file</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>What the check found</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Changes: {fields}</source>
        <translation>将更新：{fields}</translation>
    </message>
    <message>
        <source>Already in the case files; nothing to change.</source>
        <translation>档案中已有，内容相同，无需更改。</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import a roster</source>
        <translation>导入花名册</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>{stem}-errors</source>
        <translation>{stem}-错误清单</translation>
    </message>
    <message>
        <source>Save the error workbook</source>
        <translation>保存错误清单</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the error workbook…</source>
        <translation>正在生成错误清单…</translation>
    </message>
    <message>
        <source>{n} rows marked in {path}</source>
        <translation>已在 {path} 中标出 {n} 行</translation>
    </message>
    <message>
        <source>The error workbook was not written.</source>
        <translation>错误清单未生成。</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>无法写入文件：{reason}</translation>
    </message>
    <message>
        <source>Writing the error workbook</source>
        <translation>正在生成错误清单</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Check the columns</source>
        <translation>核对各列</translation>
    </message>
    <message>
        <source>Each column fills one field of the case file. Correct the guesses where needed: the choice is remembered for files with the same headers. Identifiers are shown masked.</source>
        <translation>每一列对应档案中的一个字段。如识别有误请更正；表头相同的文件下次会沿用您的选择。证件号、手机号等以脱敏形式显示。</translation>
    </message>
    <message>
        <source>Guess again</source>
        <translation>重新自动识别</translation>
    </message>
    <message>
        <source>None (the file must give it)</source>
        <translation>无（须由文件提供）</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>A row matches an existing case file</source>
        <translation>某行与已有档案是同一人时</translation>
    </message>
    <message>
        <source>Default district (rows that give none)</source>
        <translation>默认所在区（文件未填时）</translation>
    </message>
    <message>
        <source>Consents on the members&apos; signed forms</source>
        <translation>会员签字表格上的同意事项</translation>
    </message>
    <message>
        <source>Referral source of new members</source>
        <translation>新会员的来源渠道</translation>
    </message>
    <message>
        <source>the title in row {row} (“{words}”)</source>
        <translation>第 {row} 行标题中的“{words}”</translation>
    </message>
    <message>
        <source>the sheet name “{sheet}”</source>
        <translation>工作表名“{sheet}”</translation>
    </message>
    <message>
        <source>the file name (“{words}”)</source>
        <translation>文件名中的“{words}”</translation>
    </message>
    <message>
        <source>{where} names {district}, but you import for your own district only.</source>
        <translation>{where}写的是{district}，但您只能导入本区的会员。</translation>
    </message>
    <message>
        <source>{district} was chosen because {where} names it. Change it if that is wrong.</source>
        <translation>已按{where}选择{district}；如不对请改选。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>The columns are mapped as you chose last time for a file with these headers.</source>
        <translation>已按您上次对相同表头文件的选择对应各列。</translation>
    </message>
    <message>
        <source>The columns are mapped from their headers.</source>
        <translation>已根据表头自动对应各列。</translation>
    </message>
    <message>
        <source>No column fills {fields}: new members cannot be registered without it; rows that match existing case files can still update them.</source>
        <translation>没有列对应“{fields}”：缺少此项无法登记新会员；与已有档案匹配的行仍可更新档案。</translation>
    </message>
    <message>
        <source>{n} columns fill {field}: the first non-empty cell of a row is used.</source>
        <translation>有 {n} 列都对应“{field}”：每行取第一个非空单元格。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>The file was not found.</source>
        <translation>找不到该文件。</translation>
    </message>
    <message>
        <source>{suffix} files cannot be imported: save the roster as .xlsx or .csv.</source>
        <translation>不能导入 {suffix} 文件：请将花名册另存为 .xlsx 或 .csv。</translation>
    </message>
    <message>
        <source>The file is damaged or is not an Excel workbook.</source>
        <translation>文件已损坏，或不是 Excel 工作簿。</translation>
    </message>
    <message>
        <source>No header row was found: at least two known column names are needed (for example 姓名 and 身份证号).</source>
        <translation>找不到表头行：至少需要两个可识别的列名（如“姓名”“身份证号”）。</translation>
    </message>
    <message>
        <source>The workbook has no sheet “{sheet}”.</source>
        <translation>工作簿中没有名为“{sheet}”的工作表。</translation>
    </message>
    <message>
        <source>The text near row {row} cannot be read: save the file as UTF-8 or GB18030.</source>
        <translation>第 {row} 行附近的文字无法识别：请将文件另存为 UTF-8 或 GB18030 编码。</translation>
    </message>
    <message>
        <source>The file has no column “{column}”.</source>
        <translation>文件中没有“{column}”这一列。</translation>
    </message>
    <message>
        <source>There is no field “{field}”.</source>
        <translation>没有“{field}”这个字段。</translation>
    </message>
    <message>
        <source>The ID number is in scientific notation (3.20302E+17): its last digits are lost. Format the column as text and type the number again.</source>
        <translation>身份证号显示为科学计数法（如 3.20302E+17），后几位已丢失。请把该列设为“文本”格式后重新填写。</translation>
    </message>
    <message>
        <source>The ID number was stored as a number: the digits after the 15th (or the final X) are lost. Format the column as text and type the number again.</source>
        <translation>身份证号被存成了数字，第 15 位之后的数字（或末位 X）已丢失。请把该列设为“文本”格式后重新填写。</translation>
    </message>
    <message>
        <source>The ID number ends in 000 and fails its check: Excel probably replaced its last digits with zeros. Type it again from the card.</source>
        <translation>身份证号末尾是 000 且校验不通过，多半是被 Excel 截断后补了零。请对照证件重新填写。</translation>
    </message>
    <message>
        <source>The ID number is stored as a number (still complete); saving the file in Excel again will damage it. Format the column as text.</source>
        <translation>身份证号以数字格式保存（目前完整），再次用 Excel 保存会被损坏。建议把该列设为“文本”格式。</translation>
    </message>
    <message>
        <source>The ID number has 17 digits: its last character should be X, which was lost.</source>
        <translation>身份证号只有 17 位：末位校验码应为 X，已被丢掉。</translation>
    </message>
    <message>
        <source>The mobile number is in scientific notation and its digits are lost: type it again.</source>
        <translation>手机号显示为科学计数法，数字已丢失，请重新填写。</translation>
    </message>
    <message>
        <source>{count} numbers in one cell: the first one is used.</source>
        <translation>一个单元格里有 {count} 个号码，已使用第一个。</translation>
    </message>
    <message>
        <source>Marital status is married: married people cannot register for matchmaking.</source>
        <translation>婚姻状况为已婚：已婚人士不能登记婚恋服务。</translation>
    </message>
    <message>
        <source>The same person as row {first_row} (same ID number or mobile).</source>
        <translation>与第 {first_row} 行是同一人（身份证号或手机号相同）。</translation>
    </message>
    <message>
        <source>This mobile number belongs to member {member_no}, who has a different ID number: check by hand.</source>
        <translation>该手机号已属于会员 {member_no}，而身份证号不同，请人工核对。</translation>
    </message>
    <message>
        <source>Row {first_row} gives the same mobile number with a different ID number: check by hand.</source>
        <translation>第 {first_row} 行的手机号相同但身份证号不同，请人工核对。</translation>
    </message>
    <message>
        <source>Member {member_no} belongs to another district&apos;s office and cannot be updated from here.</source>
        <translation>会员 {member_no} 属于其他区的工作站，不能在此更新。</translation>
    </message>
    <message>
        <source>Member {member_no} was archived or removed after the check.</source>
        <translation>检查之后，会员 {member_no} 已被归档或删除。</translation>
    </message>
    <message>
        <source>The file was changed after it was checked (row {row}): go back and check it again.</source>
        <translation>文件在检查之后被修改过（第 {row} 行），请返回重新检查。</translation>
    </message>
    <message>
        <source>Row {row} cannot take that decision.</source>
        <translation>第 {row} 行不能选择这种处理方式。</translation>
    </message>
    <message>
        <source>The file has no row {row}.</source>
        <translation>文件中没有第 {row} 行。</translation>
    </message>
    <message>
        <source>Please type a reason: unmasked exports, and exports of more than {threshold} rows (this one has {rows}), are recorded with their reason.</source>
        <translation>请填写理由：导出不脱敏数据，或导出超过 {threshold} 行（本次 {rows} 行），都须连同理由一并记录。</translation>
    </message>
    <message>
        <source>Cannot export to {suffix}: choose .xlsx or .csv.</source>
        <translation>不能导出为 {suffix}：请选择 .xlsx 或 .csv。</translation>
    </message>
    <message>
        <source>Please choose at least one known column.</source>
        <translation>请至少选择一个有效的列。</translation>
    </message>
    <message>
        <source>{field} is missing.</source>
        <translation>缺少{field}。</translation>
    </message>
    <message>
        <source>{field} is too long (at most {maximum}).</source>
        <translation>{field}太长（最多 {maximum} 个字）。</translation>
    </message>
    <message>
        <source>{field}: too many entries (at most {maximum}).</source>
        <translation>{field}项数太多（最多 {maximum} 项）。</translation>
    </message>
    <message>
        <source>{field} is not a number.</source>
        <translation>{field}不是数字。</translation>
    </message>
    <message>
        <source>{field} must be between {minimum} and {maximum}.</source>
        <translation>{field}应在 {minimum} 到 {maximum} 之间。</translation>
    </message>
    <message>
        <source>{field}: “{value}” is not recognised.</source>
        <translation>{field}：无法识别“{value}”。</translation>
    </message>
    <message>
        <source>{field} is not a date (write 1990-01-31, 1990.1.31 or 1990年1月31日).</source>
        <translation>{field}不是有效日期（可写作 1990-01-31、1990.1.31 或 1990年1月31日）。</translation>
    </message>
    <message>
        <source>{field}: the lower limit is above the upper limit.</source>
        <translation>{field}：下限大于上限。</translation>
    </message>
    <message>
        <source>The sex does not match the ID number.</source>
        <translation>性别与身份证号不符。</translation>
    </message>
    <message>
        <source>The birth date does not match the ID number.</source>
        <translation>出生日期与身份证号不符。</translation>
    </message>
    <message>
        <source>The district is not yours: you can import members of your own district only.</source>
        <translation>所在区不是您负责的区：只能导入本区会员。</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Check the rows before importing</source>
        <translation>导入前逐行核对</translation>
    </message>
    <message>
        <source>Nothing has been written yet. Choose per row what to do; “Import” writes everything in one go, and a cancel leaves the case files as they were.</source>
        <translation>目前尚未写入任何数据。请逐行选择处理方式；点“导入”后一次性全部写入，中途取消则档案保持原样。</translation>
    </message>
    <message>
        <source>All rows</source>
        <translation>全部行</translation>
    </message>
    <message>
        <source>Rows with problems</source>
        <translation>有问题的行</translation>
    </message>
    <message>
        <source>Rows left for review</source>
        <translation>留待核对的行</translation>
    </message>
    <message>
        <source>Save error workbook…</source>
        <translation>保存错误清单…</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Decide all rows shown:</source>
        <translation>当前显示的行统一设为：</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message>
        <source>Checking the roster</source>
        <translation>正在检查花名册</translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation>检查已取消。</translation>
    </message>
    <message>
        <source>The file could not be read: {reason}</source>
        <translation>无法读取文件：{reason}</translation>
    </message>
    <message>
        <source>{rows} rows read. Importing will register {new} new members and update {update} case files; {review} rows are left for review and {skip} are skipped.</source>
        <translation>共读取 {rows} 行。导入将新登记 {new} 名会员、更新 {update} 份档案；{review} 行留待核对，{skip} 行跳过。</translation>
    </message>
    <message>
        <source>{n} rows have warnings (⚠) only.</source>
        <translation>{n} 行仅有提醒（⚠）。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>The import was cancelled: nothing was written.</source>
        <translation>导入已取消，未写入任何数据。</translation>
    </message>
    <message>
        <source>Nothing was written. {reason}</source>
        <translation>未写入任何数据。{reason}</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>未写入任何数据。</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>Save error workbook…</source>
        <translation>保存错误清单…</translation>
    </message>
    <message>
        <source>Registered {created} new members and updated {updated} case files.</source>
        <translation>已新登记 {created} 名会员，更新 {updated} 份档案。</translation>
    </message>
    <message>
        <source>Nothing to import: every row is already in the case files.</source>
        <translation>无需导入：所有行都已在档案中。</translation>
    </message>
    <message>
        <source>No case file was written.</source>
        <translation>没有写入任何档案。</translation>
    </message>
    <message>
        <source>{unchanged} rows were already up to date, {skipped} were skipped, {review} are left for review and {errors} rows with errors were not imported.</source>
        <translation>{unchanged} 行与档案一致，{skipped} 行跳过，{review} 行留待核对，{errors} 行有错误未导入。</translation>
    </message>
    <message>
        <source>Row {row}: {reason}</source>
        <translation>第 {row} 行：{reason}</translation>
    </message>
    <message>
        <source>These rows could not be written:</source>
        <translation>以下各行未能写入：</translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation>，另有 {n} 行</translation>
    </message>
    <message>
        <source>Left for review (nothing written; check them by hand): rows {rows}{more}</source>
        <translation>留待核对（未写入，请人工核对）：第 {rows} 行{more}</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>Choose the roster</source>
        <translation>选择花名册</translation>
    </message>
    <message>
        <source>An Excel or WPS workbook (.xlsx, .xlsm) or a CSV file (UTF-8 or GB18030). Title rows above the header and merged header cells are fine.</source>
        <translation>Excel 或 WPS 工作簿（.xlsx、.xlsm），或 CSV 文件（UTF-8 或 GB18030 编码）。表头上方有标题行、表头有合并单元格都可以。</translation>
    </message>
    <message>
        <source>The roster file</source>
        <translation>花名册文件</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Spreadsheets ({patterns})</source>
        <translation>电子表格 ({patterns})</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source> and </source>
        <translation>、</translation>
    </message>
    <message>
        <source>CSV file ({encoding}): header in row {rows}, data from row {data}, {n} named columns.</source>
        <translation>CSV 文件（{encoding}）：表头在第 {rows} 行，数据从第 {data} 行开始，共 {n} 个有名称的列。</translation>
    </message>
    <message>
        <source>Sheet “{sheet}”: header in row {rows}, data from row {data}, {n} named columns.</source>
        <translation>工作表“{sheet}”：表头在第 {rows} 行，数据从第 {data} 行开始，共 {n} 个有名称的列。</translation>
    </message>
    <message>
        <source>The file could not be read: {reason}</source>
        <translation>无法读取文件：{reason}</translation>
    </message>
</context>
<context>
    <name>SpreadsheetLabels</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>WeChat id</source>
        <translation>微信号</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <source>Hukou place</source>
        <translation>户籍地</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Base union</source>
        <translation>基层工会</translation>
    </message>
    <message>
        <source>Union card no.</source>
        <translation>会员证号</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Height (cm)</source>
        <translation>身高（厘米）</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>体重（公斤）</translation>
    </message>
    <message>
        <source>Marital history</source>
        <translation>婚姻状况</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>子女情况</translation>
    </message>
    <message>
        <source>Hobbies</source>
        <translation>兴趣爱好</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <source>Self-description</source>
        <translation>自我介绍</translation>
    </message>
    <message>
        <source>Referral source</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>同意事项</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>— not imported —</source>
        <translation>— 不导入 —</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Duplicate in file</source>
        <translation>文件内重复</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Register as new</source>
        <translation>登记为新会员</translation>
    </message>
    <message>
        <source>Update the case file</source>
        <translation>更新档案</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Leave for review</source>
        <translation>留待核对</translation>
    </message>
    <message>
        <source>Member no.</source>
        <translation>会员号</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核验</translation>
    </message>
    <message>
        <source>Matchmaker</source>
        <translation>红娘</translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation>最近更新</translation>
    </message>
    <message>
        <source>Checking the rows…</source>
        <translation>正在检查各行…</translation>
    </message>
    <message>
        <source>Writing the case files…</source>
        <translation>正在写入档案…</translation>
    </message>
    <message>
        <source>Writing the error workbook…</source>
        <translation>正在生成错误清单…</translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation>正在写入文件…</translation>
    </message>
</context>
</TS>
