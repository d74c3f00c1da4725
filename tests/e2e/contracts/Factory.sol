// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Deployed by the factory with CREATE2; remembers its creator and an immutable value.
contract Child {
    address public immutable factory;
    uint256 public immutable value;

    constructor(uint256 value_) payable {
        factory = msg.sender;
        value = value_;
    }

    function balance() external view returns (uint256) {
        return address(this).balance;
    }
}

/// CREATE2 factory: the child's address depends only on (factory, salt, init code), so clients can predict it.
contract Factory {
    event Deployed(address indexed child, bytes32 indexed salt, uint256 value);

    function deploy(bytes32 salt, uint256 value) external payable returns (address child) {
        child = address(new Child{salt: salt, value: msg.value}(value));
        emit Deployed(child, salt, value);
    }

    function predict(bytes32 salt, uint256 value) external view returns (address) {
        bytes32 initHash = keccak256(abi.encodePacked(type(Child).creationCode, abi.encode(value)));
        return address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), salt, initHash)))));
    }
}
