"""The bottom layer: facts about English text and names, each defined once, and look-ups
over the cached parse. Nothing here imports anything else from `helpers`."""
