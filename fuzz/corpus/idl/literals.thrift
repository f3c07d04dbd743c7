# apache: accepts
const string DOUBLE_QUOTED = "double \"quoted\" with 'single' inside"
const string SINGLE_QUOTED = 'single \'quoted\' with "double" inside'
const string ESCAPES = "tab\tnewline\nreturn\rbackslash\\"
const string EMPTY = ""
const string UNICODE = "grüße, 世界"
const binary BYTES = "raw"
