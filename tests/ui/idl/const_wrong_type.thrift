const i32 ANSWER = "forty-two"
