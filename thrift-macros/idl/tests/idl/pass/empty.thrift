# apache: accepts
