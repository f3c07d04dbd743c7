# apache: accepts
# Apache only warns when a oneway function returns a value.
service Events {
  oneway i32 fire(1: string event)
}
