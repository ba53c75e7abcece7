{{ fence(held) }}
