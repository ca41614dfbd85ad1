"""The quectel-ec200-ssl suite (Quectel EC200x-CN & EC800x-CN SSL Application Note 1.0.0)."""
