print("summitkb-bench: not yet")
